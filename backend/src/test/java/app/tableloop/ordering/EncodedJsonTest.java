package app.tableloop.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.util.RawValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Orders' JSON kept as UTF-8 bytes reads the same in answers (bytes) and in live messages (text) as encoded anew. */
class EncodedJsonTest {

  private static JsonObject order(int number, int items) {
    return new JsonObject().put("number", "A" + number).put("notes", "少辣 \"不要香菜\" \\ 🌶")
        .put("items", new JsonArray(IntStream.range(0, items).mapToObj(i -> new JsonObject()
            .put("dish_name", "红烧牛肉面 " + i).put("quantity", i + 1)).toList()));
  }

  private static JsonObject tab(JsonArray orders) {
    return new JsonObject().put("id", "tab").put("orders", orders).put("orders_count", orders.size());
  }

  private static JsonObject cached(JsonArray orders) {
    JsonArray raw = new JsonArray();
    orders.forEach(order -> raw.add(new RawValue(new EncodedJson(((JsonObject) order).encode()))));
    return tab(raw);
  }

  @Test
  void anAnswerAndALiveMessageReadAsTheOrdersEncodedAnew() {
    JsonArray orders = new JsonArray(IntStream.range(0, 20).mapToObj(n -> (Object) order(n, 3)).toList());

    assertThat(new JsonObject(cached(orders).toBuffer())).isEqualTo(tab(orders));
    assertThat(new JsonObject(cached(orders).encode())).isEqualTo(tab(orders));
    assertThat(cached(orders).toBuffer().toString(StandardCharsets.UTF_8)).isEqualTo(tab(orders).encode());
  }

  @Test
  void anOrderLargerThanTheWritersBufferIsWrittenWhole() {
    // Jackson's output buffers hold 8,000 bytes or chars: an order of 400 items is copied around them.
    JsonArray orders = new JsonArray().add(order(1, 400)).add(order(2, 1));

    assertThat(cached(orders).toBuffer().toString(StandardCharsets.UTF_8)).isEqualTo(tab(orders).encode());
    assertThat(cached(orders).encode()).isEqualTo(tab(orders).encode());
  }
}
