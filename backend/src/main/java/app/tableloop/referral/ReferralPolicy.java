package app.tableloop.referral;

/**
 * Whether a diner who joined through a referral counts for the member who shared it (and gets the welcome coupon):
 * only a new customer, new to the programme, referred by someone else who is still a member and not one they referred
 * themselves, within the sharer's cap, while the programme runs.
 */
public final class ReferralPolicy {
  private ReferralPolicy() {
  }

  /** The verdict on one referred join; its wire name is what the referral row keeps. */
  public enum Outcome {
    COUNTED, INACTIVE, SELF, SHARER_GONE, REPEAT_USER, ALREADY_CUSTOMER, LOOP, OVER_CAP;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What is known of one referred join when it is judged, under the sharer's lock. */
  public record Join(boolean active, boolean sharerStillMember, boolean sameUser, boolean userReferredBefore,
                     boolean customerBeforeJoining, boolean sharerReferredByFriend, int countedForSharer,
                     int capPerSharer) {
  }

  public static Outcome judge(Join join) {
    if (!join.active()) {
      return Outcome.INACTIVE;
    }
    if (!join.sharerStillMember()) {
      return Outcome.SHARER_GONE;
    }
    if (join.sameUser()) {
      return Outcome.SELF;
    }
    if (join.userReferredBefore()) {
      return Outcome.REPEAT_USER;
    }
    if (join.customerBeforeJoining()) {
      return Outcome.ALREADY_CUSTOMER;
    }
    if (join.sharerReferredByFriend()) {
      return Outcome.LOOP;
    }
    return join.countedForSharer() >= join.capPerSharer() ? Outcome.OVER_CAP : Outcome.COUNTED;
  }

  /** How many more friends who joined and paid the sharer needs for the reward ("还差 2 位好友"). */
  public static int remaining(int needed, int successful) {
    return Math.max(0, needed - successful);
  }
}
