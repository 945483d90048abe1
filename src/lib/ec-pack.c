/* ec-pack.c: zlib deflate with a 5-byte header: 'z' and the text's length
 * (4 bytes, little-endian), which stored JSON (always starting with '{')
 * can never begin with. */
#include "ec-pack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#define HEADER 5
/* Stored copies are a few KB; anything near this is not ours. */
#define MAX_TEXT (64u << 20)

int ec_pack(const char *text, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (len > MAX_TEXT)
        return -1;
    uLongf room = compressBound((uLong)len);
    unsigned char *buf = malloc(HEADER + room);
    if (!buf)
        return -1;
    buf[0] = 'z';
    for (int i = 0; i < 4; i++)
        buf[1 + i] = (unsigned char)((uint32_t)len >> (8 * i));
    /* Level 1: these texts are small, and level 6 saved only 4% more. */
    if (compress2(buf + HEADER, &room, (const Bytef *)text, (uLong)len, 1) != Z_OK) {
        free(buf);
        return -1;
    }
    *out = (char *)buf;
    *out_len = HEADER + room;
    return 0;
}

char *ec_unpack(const char *data, size_t len)
{
    if (len < HEADER || data[0] != 'z') {
        char *copy = malloc(len + 1);
        if (copy) {
            memcpy(copy, data, len);
            copy[len] = '\0';
        }
        return copy;
    }
    uint32_t want = 0;
    for (int i = 0; i < 4; i++)
        want |= (uint32_t)(unsigned char)data[1 + i] << (8 * i);
    if (want > MAX_TEXT)
        return NULL;
    char *text = malloc((size_t)want + 1);
    if (!text)
        return NULL;
    uLongf got = want;
    if (uncompress((Bytef *)text, &got, (const Bytef *)data + HEADER, (uLong)(len - HEADER)) != Z_OK ||
        got != want) {
        free(text);
        return NULL;
    }
    text[want] = '\0';
    return text;
}
