package app.tableloop.identity;

/** Who may bring whom in: owners hire staff for their store; operators appoint operators, owners and staff. */
public final class InvitePolicy {
  private InvitePolicy() {
  }

  public static boolean mayInvite(Role inviter, Role invited) {
    return switch (inviter) {
      case OPERATOR -> invited != Role.DINER;
      case OWNER -> invited == Role.STAFF;
      case STAFF, DINER -> false;
    };
  }

  /** Removing someone follows the same line as appointing them. */
  public static boolean mayRemove(Role remover, Role removed) {
    return mayInvite(remover, removed);
  }
}
