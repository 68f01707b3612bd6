package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionGateTest {

  @Test
  void oneAddressGetsNoMoreThanItsShare() {
    ConnectionGate gate = new ConnectionGate(10, 2);

    assertThat(gate.admit("10.0.0.1")).isTrue();
    assertThat(gate.admit("10.0.0.1")).isTrue();
    assertThat(gate.admit("10.0.0.1")).isFalse();
    assertThat(gate.admit("10.0.0.2")).as("another address").isTrue();

    gate.release("10.0.0.1");
    assertThat(gate.admit("10.0.0.1")).as("a closed one frees its place").isTrue();
  }

  @Test
  void theServerAsAWholeHasACapAndRefusalsTakeNoPlace() {
    ConnectionGate gate = new ConnectionGate(3, 2);

    assertThat(gate.admit("10.0.0.1")).isTrue();
    assertThat(gate.admit("10.0.0.1")).isTrue();
    assertThat(gate.admit("10.0.0.1")).isFalse();
    assertThat(gate.admit("10.0.0.2")).isTrue();
    assertThat(gate.admit("10.0.0.3")).as("the server is full").isFalse();

    gate.release("10.0.0.2");
    assertThat(gate.admit("10.0.0.3")).isTrue();
  }
}
