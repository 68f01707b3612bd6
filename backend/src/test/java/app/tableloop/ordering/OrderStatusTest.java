package app.tableloop.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where an order may go from where it is, and its names on the wire. */
class OrderStatusTest {

  @Test
  void anOrderAwaitingPaymentIsPlacedWhenPaidOrCancelledWhenNot() {
    assertThat(nextOf(OrderStatus.AWAITING_PAYMENT)).containsExactlyInAnyOrder(OrderStatus.PLACED,
        OrderStatus.CANCELLED);
  }

  @Test
  void theKitchenAcceptsOrRejectsAPlacedOrderAndStaffMayCancelIt() {
    assertThat(nextOf(OrderStatus.PLACED)).containsExactlyInAnyOrder(OrderStatus.ACCEPTED, OrderStatus.REJECTED,
        OrderStatus.CANCELLED);
  }

  @Test
  void anAcceptedOrderIsServedOrCancelled() {
    assertThat(nextOf(OrderStatus.ACCEPTED)).containsExactlyInAnyOrder(OrderStatus.SERVED, OrderStatus.CANCELLED);
  }

  @Test
  void rejectedServedAndCancelledOrdersGoNowhere() {
    assertThat(nextOf(OrderStatus.REJECTED)).isEmpty();
    assertThat(nextOf(OrderStatus.SERVED)).isEmpty();
    assertThat(nextOf(OrderStatus.CANCELLED)).isEmpty();
  }

  @Test
  void noOrderGoesBackToWaitingForPaymentNorStaysWhereItIs() {
    for (OrderStatus status : OrderStatus.values()) {
      assertThat(status.mayBecome(OrderStatus.AWAITING_PAYMENT)).as(status.name()).isFalse();
      assertThat(status.mayBecome(status)).as(status.name()).isFalse();
    }
  }

  @Test
  void wireNamesAreLowerCaseAndReadBackExactly() {
    for (OrderStatus status : OrderStatus.values()) {
      assertThat(OrderStatus.fromWireName(status.wireName())).contains(status);
    }
    assertThat(OrderStatus.AWAITING_PAYMENT.wireName()).isEqualTo("awaiting_payment");
    assertThat(OrderStatus.fromWireName("PLACED")).isEmpty();
    assertThat(OrderStatus.fromWireName("paid")).isEmpty();
    assertThat(OrderStatus.fromWireName(null)).isEmpty();
  }

  private static Set<OrderStatus> nextOf(OrderStatus from) {
    Set<OrderStatus> next = EnumSet.noneOf(OrderStatus.class);
    Arrays.stream(OrderStatus.values()).filter(from::mayBecome).forEach(next::add);
    return next;
  }
}
