package app.tableloop.campaign;

import app.tableloop.campaign.inbox.MessageBox;
import app.tableloop.campaign.inbox.MessageBoxApi;
import app.tableloop.campaign.inbox.Messages;
import app.tableloop.campaign.reminder.ExpiryReminderApi;
import app.tableloop.campaign.reminder.ExpiryReminding;
import app.tableloop.campaign.sms.SmsProvider;
import app.tableloop.campaign.sms.SmsReplyApi;
import app.tableloop.campaign.sms.SmsSettings;
import app.tableloop.campaign.sms.SmsSimulator;
import app.tableloop.campaign.sms.TencentSms;
import app.tableloop.identity.Access;
import app.tableloop.loyalty.coupon.CouponIssuing;
import app.tableloop.loyalty.coupon.CouponTemplates;
import app.tableloop.membership.MarketingOptOut;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.job.JobLease;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.referral.ReferralOutcomes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Campaigns: cards and launches for the owner ({@code campaign}), the dispatcher that reaches their members, the
 * diner's message box ({@code campaign.inbox}) and the automatic expiry reminders written into it
 * ({@code campaign.reminder}).
 */
public final class CampaignModule implements FeatureModule {
  private final List<ApiModule> apis;
  private final List<PeriodicJob> jobs;
  private final Optional<SmsSimulator> smsSimulator;
  private final Messages messages;
  private final CampaignService service;

  /**
   * SMS go to Tencent Cloud when SMS_SECRET_ID and the rest are set ({@link SmsSettings#fromEnvironment}); otherwise
   * to the simulator, started on loopback, which keeps the texts.
   */
  public CampaignModule(Platform platform, CouponIssuing issuing, MarketingOptOut optOut) {
    this(platform, issuing, optOut, SmsSettings.fromEnvironment(System.getenv()),
        SmsSettings.perSecond(System.getenv()));
  }

  public CampaignModule(Platform platform, CouponIssuing issuing, MarketingOptOut optOut,
                        Optional<SmsSettings> live, int perSecond) {
    Audiences audiences = new Audiences();
    this.messages = new Messages();
    this.service = new CampaignService(platform.database(), audiences, new Campaigns(),
        new CouponTemplates(), platform.clock());
    ExpiryReminding reminding = new ExpiryReminding(platform.database(), messages, platform.clock());
    this.apis = List.of(new CampaignApi(service, new ReferralCards(platform.database(), new ReferralOutcomes())),
        new MessageBoxApi(new MessageBox(platform.database(), messages, platform.clock())), new SmsReplyApi(optOut),
        new ExpiryReminderApi(reminding));
    this.smsSimulator = live.isPresent() ? Optional.empty()
        : Optional.of(new SmsSimulator(platform.clock(), platform.redis()));
    Future<SmsProvider> provider = live.<Future<SmsProvider>>map(settings -> Future.succeededFuture(
            new TencentSms(settings)))
        .orElseGet(() -> smsSimulator.orElseThrow().start(platform.vertx())
            .map(simulator -> new TencentSms(simulator.settings(perSecond))));
    JobLease dispatchLease = new JobLease(platform.database(), CampaignDispatch.LEASE, JobLease.THIS_PROCESS,
        CampaignDispatch.LEASE_TTL, platform.clock());
    this.jobs = List.of(
        new CampaignDispatch(platform.database(), audiences, issuing, messages, dispatchLease, platform.clock()).job(),
        new SmsSending(platform.vertx(), platform.database(), platform.redis(), platform.dataKeys(), provider,
            perSecond, smsSimulator.isPresent(), platform.clock()).job(),
        reminding.job());
  }

  /** The campaign cards of the caller's store, ranked by expected gain, as listCampaignCards answers by default. */
  public Future<List<CampaignCard>> cards(Access access) {
    return service.cards(access, null);
  }

  /** A card as the contract's CampaignCard JSON. */
  public static JsonObject cardJson(CampaignCard card) {
    return CampaignJson.card(card);
  }

  /** Launched campaigns with their results, for the insights. */
  public CampaignResults results() {
    return new CampaignResults();
  }

  /** Members' message boxes, for other parts that write to a member in the mini-program (in their transaction). */
  public Messages messages() {
    return messages;
  }

  /** The SMS simulator standing in for Tencent Cloud, when no live settings were given. */
  public Optional<SmsSimulator> smsSimulator() {
    return smsSimulator;
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }

  @Override
  public List<PeriodicJob> jobs() {
    return jobs;
  }
}
