package app.tableloop.membership;

import app.tableloop.identity.IdentityModule;
import app.tableloop.platform.database.Database;
import app.tableloop.platform.http.ApiModule;
import app.tableloop.platform.http.Platform;
import app.tableloop.platform.job.PeriodicJob;
import app.tableloop.platform.outbox.EventHandler;
import app.tableloop.platform.outbox.Outbox;
import app.tableloop.platform.runtime.FeatureModule;
import app.tableloop.wechat.WeChatGateway;
import java.time.Clock;
import java.util.List;

/**
 * Members the restaurant owns and their privacy rights: joining with consent, personal data sealed, visit statistics
 * from paid orders (an outbox handler), staff recruitment, export and erasure, and the retention job.
 */
public final class MembershipModule implements FeatureModule {
  private final List<ApiModule> apis;
  private final List<PeriodicJob> jobs;
  private final List<EventHandler> handlers;

  private final MarketingOptOut marketingOptOut;
  private final MaskedMembers maskedMembers;

  /**
   * @param referralTokens how a join checks the referral token it carries (the referral feature, through this port)
   * @param personalData   what the other features hold about members, for exports and erasure (through this port)
   */
  public MembershipModule(Platform platform, WeChatGateway wechat, IdentityModule identity,
                          ReferralTokens referralTokens, List<PersonalData> personalData) {
    Database database = platform.database();
    Clock clock = platform.clock();
    Members members = new Members();
    DinerVisits visits = new DinerVisits();
    ConsentLedger consents = new ConsentLedger();
    AccessAudit audit = new AccessAudit();
    PrivacyNotices notices = new PrivacyNotices();
    PhoneSealing phones = new PhoneSealing(platform.dataKeys());
    StaffJoinCodes joinCodes = new StaffJoinCodes();
    Membership membership = new Membership(database, members, notices, consents, visits, joinCodes, phones,
        new WeChatChecks(wechat), referralTokens, new Outbox(), clock);
    PersonalDataSections sections = new PersonalDataSections(personalData);
    Erasure erasure = new Erasure(members, visits, consents, audit, sections);
    PrivacyRights rights = new PrivacyRights(database, members, membership, consents, audit, visits, phones, erasure,
        sections, identity.sessions(), clock);
    this.apis = List.of(
        new MembershipApi(membership, rights, phones, clock),
        new MemberAdminApi(new MemberAdmin(database, members, membership, notices, consents, audit, visits, phones),
            new TenantExport(database, audit, phones, sections)),
        new RecruitmentApi(new Recruitment(database, joinCodes, wechat, clock)));
    this.jobs = List.of(new MemberRetention(database, members, erasure, identity.sessions(), clock).job());
    this.handlers = List.of(new VisitStatistics(members, visits));
    this.marketingOptOut = new MarketingOptOut(database, members, consents, phones);
    this.maskedMembers = new MaskedMembers(members, audit, phones);
  }

  /** Withdrawing marketing consent by phone number, for replies to marketing SMS. */
  public MarketingOptOut marketingOptOut() {
    return marketingOptOut;
  }

  /** Members with their name and phone masked, and audited reads of one, for the insights. */
  public MaskedMembers maskedMembers() {
    return maskedMembers;
  }

  @Override
  public List<ApiModule> apis() {
    return apis;
  }

  @Override
  public List<PeriodicJob> jobs() {
    return jobs;
  }

  @Override
  public List<EventHandler> eventHandlers() {
    return handlers;
  }
}
