package app.tableloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tableloop.platform.http.ConnectionGate.Admission;

import org.junit.jupiter.api.Test;

class ConnectionGateTest {

  @Test
  void beyondItsShareAnAddressIsLetInOnlyAsOneThatGetsNoPatience() {
    ConnectionGate gate = new ConnectionGate(10, 2);

    assertThat(gate.admit("10.0.0.1")).isEqualTo(Admission.WITHIN_SHARE);
    assertThat(gate.admit("10.0.0.1")).isEqualTo(Admission.WITHIN_SHARE);
    assertThat(gate.admit("10.0.0.1")).isEqualTo(Admission.BEYOND_SHARE);
    assertThat(gate.admit("10.0.0.2")).as("another address").isEqualTo(Admission.WITHIN_SHARE);

    gate.release("10.0.0.1", Admission.BEYOND_SHARE);
    assertThat(gate.admit("10.0.0.1")).as("the share is still taken").isEqualTo(Admission.BEYOND_SHARE);
    gate.release("10.0.0.1", Admission.WITHIN_SHARE);
    assertThat(gate.admit("10.0.0.1")).as("a closed one frees its place").isEqualTo(Admission.WITHIN_SHARE);
  }

  @Test
  void theServerAsAWholeHasACapAndRefusalsTakeNoPlace() {
    ConnectionGate gate = new ConnectionGate(3, 2);

    assertThat(gate.admit("10.0.0.1")).isEqualTo(Admission.WITHIN_SHARE);
    assertThat(gate.admit("10.0.0.1")).isEqualTo(Admission.WITHIN_SHARE);
    assertThat(gate.admit("10.0.0.1")).isEqualTo(Admission.BEYOND_SHARE);
    assertThat(gate.admit("10.0.0.3")).as("the server is full").isEqualTo(Admission.REFUSED);

    gate.release("10.0.0.1", Admission.BEYOND_SHARE);
    assertThat(gate.admit("10.0.0.3")).isEqualTo(Admission.WITHIN_SHARE);
  }
}
