package app.tableloop.membership;

import app.tableloop.platform.crypto.DataKeys;

/** Seals a phone number for storage (with its keyed hash for look-up) and opens it for the few who may read it. */
public final class PhoneSealing {
  private final DataKeys keys;

  public PhoneSealing(DataKeys keys) {
    this.keys = keys;
  }

  Members.SealedPhoneWithHash seal(Phone phone) {
    return new Members.SealedPhoneWithHash(new Member.SealedPhone(keys.seal(phone.number()), phone.countryCode()),
        lookupHash(phone.number()));
  }

  byte[] lookupHash(String number) {
    return keys.lookupHash(number);
  }

  Phone open(Member.SealedPhone sealed) {
    return new Phone(keys.open(sealed.sealed()), sealed.countryCode());
  }
}
