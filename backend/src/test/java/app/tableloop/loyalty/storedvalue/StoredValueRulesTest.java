package app.tableloop.loyalty.storedvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tableloop.loyalty.storedvalue.StoredValueRules.Split;
import org.junit.jupiter.api.Test;

class StoredValueRulesTest {

  @Test
  void aPaymentTakesPrincipalAndBonusInTheBalancesProportionRoundingInTheMembersFavour() {
    assertThat(StoredValueRules.spend(1000, new Split(8000, 2000))).isEqualTo(new Split(800, 200));
    assertThat(StoredValueRules.spend(1, new Split(50000, 6000))).isEqualTo(new Split(0, 1));
    assertThat(StoredValueRules.spend(56000, new Split(50000, 6000))).isEqualTo(new Split(50000, 6000));
    assertThat(StoredValueRules.spend(700, new Split(0, 700))).isEqualTo(new Split(0, 700));
    assertThatThrownBy(() -> StoredValueRules.spend(1001, new Split(1000, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payingABalanceDownFenByFenNeverTakesMoreOfEitherPartThanItHolds() {
    Split balance = new Split(333, 67);
    while (balance.totalFen() > 0) {
      Split taken = StoredValueRules.spend(Math.min(7, balance.totalFen()), balance);
      assertThat(taken.principalFen()).isBetween(0L, balance.principalFen());
      assertThat(taken.bonusFen()).isBetween(0L, balance.bonusFen());
      balance = new Split(balance.principalFen() - taken.principalFen(), balance.bonusFen() - taken.bonusFen());
    }
    assertThat(balance).isEqualTo(new Split(0, 0));
  }

  @Test
  void partialRefundsOfAPaymentAddUpToExactlyWhatItTook() {
    Split taken = new Split(733, 267);
    Split first = StoredValueRules.giveBack(taken, 0, 333);
    Split second = StoredValueRules.giveBack(taken, 333, 333);
    Split last = StoredValueRules.giveBack(taken, 666, 334);

    assertThat(first.principalFen() + second.principalFen() + last.principalFen()).isEqualTo(733);
    assertThat(first.bonusFen() + second.bonusFen() + last.bonusFen()).isEqualTo(267);
    assertThatThrownBy(() -> StoredValueRules.giveBack(taken, 1000, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void handingBackPrincipalForfeitsTheBonusInProportionAndAllOfItWithTheLastFen() {
    assertThat(StoredValueRules.forfeitedBonus(3600, new Split(7200, 1800))).isEqualTo(900);
    assertThat(StoredValueRules.forfeitedBonus(1, new Split(3, 2))).isZero();
    assertThat(StoredValueRules.forfeitedBonus(3, new Split(3, 2))).isEqualTo(2);
    assertThatThrownBy(() -> StoredValueRules.forfeitedBonus(4, new Split(3, 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
