package app.tableloop.insight;

import app.tableloop.campaign.CampaignResults;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** What the owner's (or operator's) dashboard shows of one store, or of all ({@code storeId} null). */
record Dashboard(Period period, ZoneId zone, UUID storeId, String scopeName, BillFigures figures,
                 List<Bills.Recruits> membersJoined, List<Bills.DishFigures> topDishes,
                 List<Bills.HourFigures> hours, List<Bills.DayFigures> daily,
                 List<CampaignResults.Launched> campaigns) {
}
