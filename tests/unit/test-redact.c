/* test-redact.c: what agents type, scrubbed: real-looking card numbers,
 * e-mail addresses, phone numbers and IBANs go; order numbers, dates,
 * timestamps and prices stay. */
#include <stdlib.h>

#include "ec-redact.h"
#include "test.h"

static void check(const char *in, const char *want)
{
    char *got = ec_redact(in);
    CHECK_STR(got, want);
    free(got);
}

int main(void)
{
    /* Text ending in a word: the e-mail scan once read past the terminator
     * (strchr finds '\0'); valgrind and ASan see it here. */
    check("help", "help");
    /* A card number glued to a time after a date was kept as "the time"
     * (found by fuzz-redact). */
    check("on 04.4.99 1:4111111111111111 sent", "on 04.4.99 1:[card] sent");
    check("2026-01-01 10:00:00.1234 kept", "2026-01-01 10:00:00.1234 kept");
    check("3.4.99 0:40-4111111111111111 x", "3.4.99 0:40-[card] x");
    check("2026-01-01 10:00+01:00 kept", "2026-01-01 10:00+01:00 kept");
    check("a.b", "a.b");
    check("x-", "x-");

    /* Cards: Luhn-valid test numbers of each scheme, every way agents type them. */
    check("card 4111 1111 1111 1111 exp 12/27", "card [card] exp 12/27");
    check("4111-1111-1111-1111", "[card]");
    check("paid with 4111111111111111.", "paid with [card].");
    check("mastercard 5555 5555 5555 4444, cvv later", "mastercard [card], cvv later");
    check("amex 3782 822463 10005", "amex [card]");
    check("amex 378282246310005", "amex [card]");
    check("discover 6011-1111-1111-1117", "discover [card]");
    check("diners 30569309025904", "diners [card]");
    check("19 digits 6304000000000000018 ok", "19 digits [card] ok");
    check("on 2026-03-01 card 4000056655665556 declined", "on 2026-03-01 card [card] declined");
    check("two: 5105105105105100 and 4111111111111111", "two: [card] and [card]");

    /* Not cards: Luhn fails, too short or long, glued to letters. */
    check("order 1234567890123456 shipped", "order 1234567890123456 shipped");
    check("ref 4242424242424241", "ref 4242424242424241");
    check("order ORD-20261103-0042 late", "order ORD-20261103-0042 late");
    check("tracking 1Z999AA10123456784", "tracking 1Z999AA10123456784");
    check("serial X4111111111111111", "serial X4111111111111111");
    check("12 digits 411111111111", "12 digits 411111111111");

    /* E-mail. */
    check("email jane.doe+billing@example.co.uk now", "email [email] now");
    check("Contact: J_Smith@Brightwave.com.", "Contact: [email].");
    check("a@b.io", "[email]");
    check("not an address: @support or user@localhost", "not an address: @support or user@localhost");
    check("price 3@5.99 each", "price 3@5.99 each");

    /* Phone numbers. */
    check("call me on +44 7700 900123 after 5", "call me on [phone] after 5");
    check("+44 (0)20 7946 0958", "[phone]");
    check("mobile 07700 900123", "mobile [phone]");
    check("landline 0161 496 0000.", "landline [phone].");
    check("(0161) 496 0000", "[phone]");
    check("07700900123", "[phone]");
    check("us (415) 555-0132 or 415.555.0132", "us [phone] or [phone]");
    check("+1 415 555 0132", "[phone]");
    check("toll free 1-800-555-0199", "toll free [phone]");
    check("0044 7700 900123", "[phone]");

    /* Not phones: dates, times, timestamps, prices, ids, addresses. */
    check("since 2026-03-01 14:05:22 twice", "since 2026-03-01 14:05:22 twice");
    check("at 2026-03-01T14:05:22.123+01:00", "at 2026-03-01T14:05:22.123+01:00");
    check("on 01/03/2026 and 1.3.26", "on 01/03/2026 and 1.3.26");
    check("timestamp 20260301140522", "timestamp 20260301140522");
    check("charged £1,299.99 and $49.99 on 12/03", "charged £1,299.99 and $49.99 on 12/03");
    check("order 4155550132 shipped", "order 4155550132 shipped");
    check("order #0161496000", "order #0161496000");
    check("ticket ORD-0161496000", "ticket ORD-0161496000");
    check("router 192.168.100.200", "router 192.168.100.200");
    check("order 00012345678", "order 00012345678");
    check("version 2.0.1 build 123-456-789", "version 2.0.1 build 123-456-789");

    /* IBAN. */
    check("iban GB82 WEST 1234 5698 7654 32 please", "iban [iban] please");
    check("DE89370400440532013000", "[iban]");
    check("FR14 2004 1010 0505 0001 3M02 606.", "[iban].");
    check("nl91abna0417164300", "[iban]");
    check("bad check GB82 WEST 1234 5698 7654 33", "bad check GB82 WEST 1234 5698 7654 33");
    check("sku AB12 CDEF", "sku AB12 CDEF");

    /* Everything at once, and the edges. */
    check("jo@x.org paid 4111 1111 1111 1111, call 07700 900123, order 88231",
          "[email] paid [card], call [phone], order 88231");
    check("", "");
    check("no digits here", "no digits here");
    check("café 4111111111111111", "café [card]");
    CHECK(ec_redact(NULL) == NULL);
    return test_done();
}
