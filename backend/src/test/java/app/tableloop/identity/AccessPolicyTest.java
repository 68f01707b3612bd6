package app.tableloop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static final UUID TENANT = UUID.randomUUID();
  private static final UUID STORE = UUID.randomUUID();
  private static final UUID OTHER_STORE = UUID.randomUUID();
  private static final Set<Role> OWNERS_AND_OPERATORS = Set.of(Role.OPERATOR, Role.OWNER);

  @Test
  void anOperatorActsAtEveryStoreOfTheTenant() {
    var grants = List.of(new RoleGrant(TENANT, null, Role.OPERATOR));

    assertThat(AccessPolicy.decide(OWNERS_AND_OPERATORS, grants, TENANT, STORE))
        .isEqualTo(new AccessPolicy.Granted(Role.OPERATOR));
    assertThat(AccessPolicy.decide(Set.of(Role.OPERATOR), grants, TENANT, null))
        .isEqualTo(new AccessPolicy.Granted(Role.OPERATOR));
  }

  @Test
  void anOwnerActsAtTheirStoreOnly() {
    var grants = List.of(new RoleGrant(TENANT, STORE, Role.OWNER));

    assertThat(AccessPolicy.decide(OWNERS_AND_OPERATORS, grants, TENANT, STORE))
        .isEqualTo(new AccessPolicy.Granted(Role.OWNER));
    assertThat(AccessPolicy.decide(OWNERS_AND_OPERATORS, grants, TENANT, OTHER_STORE))
        .isInstanceOf(AccessPolicy.Hidden.class);
    assertThat(AccessPolicy.decide(Set.of(Role.OPERATOR), grants, TENANT, null))
        .isInstanceOf(AccessPolicy.Hidden.class);
  }

  @Test
  void staffAtTheStoreAskingForAnOwnersOperationAreForbiddenNotHidden() {
    var grants = List.of(new RoleGrant(TENANT, STORE, Role.STAFF));

    assertThat(AccessPolicy.decide(OWNERS_AND_OPERATORS, grants, TENANT, STORE))
        .isInstanceOf(AccessPolicy.Forbidden.class);
  }

  @Test
  void theStrongestFittingRoleIsTheOneActedAs() {
    var grants = List.of(new RoleGrant(TENANT, STORE, Role.STAFF), new RoleGrant(TENANT, null, Role.OPERATOR));

    assertThat(AccessPolicy.decide(Set.of(Role.OPERATOR, Role.OWNER, Role.STAFF), grants, TENANT, STORE))
        .isEqualTo(new AccessPolicy.Granted(Role.OPERATOR));
  }

  @Test
  void whatOnlyDinersDoAtAStoreIsDecidedWithoutRoles() {
    Set<Role> diners = Set.of(Role.DINER);
    var staffHere = List.of(new RoleGrant(TENANT, STORE, Role.STAFF), new RoleGrant(TENANT, null, Role.OPERATOR));

    assertThat(AccessPolicy.needsRoles(diners, STORE)).isFalse();
    assertThat(List.of(AccessPolicy.decide(diners, List.of(), TENANT, STORE),
        AccessPolicy.decide(diners, staffHere, TENANT, STORE)))
        .containsOnly(new AccessPolicy.Granted(Role.DINER));
    assertThat(AccessPolicy.needsRoles(Set.of(Role.DINER, Role.STAFF), STORE)).as("staff act as staff").isTrue();
    assertThat(AccessPolicy.needsRoles(diners, null)).as("in a tenant, roles tell 403 from 404").isTrue();
  }

  @Test
  void rolesInAnotherTenantCountForNothing() {
    var grants = List.of(new RoleGrant(UUID.randomUUID(), null, Role.OPERATOR));

    assertThat(AccessPolicy.decide(OWNERS_AND_OPERATORS, grants, TENANT, STORE))
        .isInstanceOf(AccessPolicy.Hidden.class);
  }

  @Test
  void aDinerOperationOfAStoreIsOpenToAnySignedInUser() {
    assertThat(AccessPolicy.decide(Set.of(Role.DINER), List.of(), TENANT, STORE))
        .isEqualTo(new AccessPolicy.Granted(Role.DINER));
  }

  @Test
  void ownersHireStaffAndOperatorsAppointAnyone() {
    assertThat(InvitePolicy.mayInvite(Role.OWNER, Role.STAFF)).isTrue();
    assertThat(InvitePolicy.mayInvite(Role.OWNER, Role.OWNER)).isFalse();
    assertThat(InvitePolicy.mayInvite(Role.STAFF, Role.STAFF)).isFalse();
    assertThat(InvitePolicy.mayInvite(Role.OPERATOR, Role.OWNER)).isTrue();
    assertThat(InvitePolicy.mayInvite(Role.OPERATOR, Role.DINER)).isFalse();
  }
}
