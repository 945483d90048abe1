/* ec-pack.h: large stored text (the d: copy of each playbook and article)
 * kept deflated in the index metadata, where Glass stores it as it is: at
 * 100,000 files that copy was 336 MB of the index. */
#ifndef EC_PACK_H
#define EC_PACK_H

#include <stddef.h>

/* Deflates LEN bytes at TEXT into *OUT (malloc'd, caller frees; *OUT_LEN
 * bytes, not NUL-terminated, may hold NULs). Returns 0, or -1 when out of
 * memory (*OUT is then NULL). */
int ec_pack(const char *text, size_t len, char **out, size_t *out_len);

/* The text packed in LEN bytes at DATA, as a malloc'd NUL-terminated string
 * (caller frees). Data ec_pack did not make (text stored before packing) is
 * returned as it is. NULL when DATA is damaged or memory ran out. */
char *ec_unpack(const char *data, size_t len);

#endif
