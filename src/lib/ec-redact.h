/* ec-redact.h: personal data scrubbed from free text before it is stored.
 *
 * What agents type while a customer talks (queries, case notes) can hold a
 * card number, an e-mail address, a phone number or an IBAN. The outcome
 * store runs every such text through ec_redact() before writing it, so none
 * of these reaches the disk (PCI DSS: no card number at rest).
 *
 * Replaced:
 *   [card]  13-19 digits, alone or grouped by single spaces or dashes, that
 *           pass the Luhn check;
 *   [iban]  two letters, two check digits and 11-30 letters or digits
 *           (grouped by spaces or not) whose ISO 13616 mod-97 check is 1;
 *   [email] local@domain.tld;
 *   [phone] +CC and 7-14 more digits; a national number of 10-11 digits
 *           starting with 0 ("07700 900123", "0161 496 0000"); a North
 *           American number written 3-3-4 or (3) 3-4 ("(415) 555-0132").
 * Kept: order and reference numbers (a run of digits that is none of the
 * above, or one glued to letters: "ORD-20261103-0042"), dates, times and
 * timestamps ("2026-03-01 14:05:22", "01/03/2026"), prices ("£1,299.99").
 * A bare run of ten digits not starting with 0 is kept: it is more often an
 * order number than a phone number written without spaces. */
#ifndef EC_REDACT_H
#define EC_REDACT_H

/* Returns a malloc'd copy of TEXT with the data above replaced by its
 * placeholder, or NULL on OOM. TEXT NULL gives NULL. Caller frees. */
char *ec_redact(const char *text);

#endif
