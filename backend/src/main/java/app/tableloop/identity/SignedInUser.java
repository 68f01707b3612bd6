package app.tableloop.identity;

import java.util.UUID;

/** The WeChat user behind a session. */
public record SignedInUser(UUID userId, String openId) {
}
