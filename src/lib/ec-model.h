/* ec-model.h: playbooks, resolution paths, KB articles and synonyms in memory.
 *
 * The loader (ec-load.h) builds these from XML; everything downstream (lint,
 * index, shell, scenarios) reads them. Every string is owned by the struct that
 * holds it and freed by ec_document_free(). Optional text that is absent is NULL;
 * repeated elements that are absent are empty lists. LINE fields are the 1-based
 * line of the element in its file, for messages. */
#ifndef EC_MODEL_H
#define EC_MODEL_H

#include <stddef.h>

#include "ec-util.h"

typedef struct ec_path {
    char *id;
    char *authority; /* agent | supervisor | specialist */
    char *title;
    ec_strv when;    /* conditions for choosing this path */
    ec_strv steps;   /* at least one */
    long line;
} ec_path;

typedef struct ec_escalation {
    char *to;        /* the team to escalate to */
    ec_strv when;    /* at least one criterion */
    long line;
} ec_escalation;

typedef struct ec_scenario {
    char *id;
    char *difficulty; /* easy | medium | hard */
    char *persona;
    char *opening;
    char *twist;      /* optional */
    char *good_handling;
    long line;
} ec_scenario;

typedef struct ec_related {
    char *ref;
    long line;
} ec_related;

/* Fields common to playbooks and articles, in document order. */
typedef struct ec_meta {
    char *id;
    char *status;     /* draft | review | published | retired */
    int version;
    char *title;
    char *summary;    /* optional */
    char *category;
    ec_strv products;
    ec_strv channels; /* voice | chat | email | social | sms */
    char *owner;      /* optional */
    char *review_by;  /* optional ISO date */
    long review_by_line;
    ec_strv tags;
    ec_related *related;
    size_t n_related;
    long line;        /* line of the root element */
} ec_meta;

typedef struct ec_playbook {
    ec_meta meta;
    char *severity;         /* optional: low | medium | high | critical */
    char *emotional_impact; /* optional: low | medium | high */
    ec_strv symptoms;
    ec_strv says;           /* verbatim customer phrasing */
    ec_strv acknowledge;    /* what to say first */
    ec_path *paths;
    size_t n_paths;
    ec_escalation *escalations;
    size_t n_escalations;
    ec_strv triggers;       /* phrases that mean: escalate now */
    ec_scenario *scenarios;
    size_t n_scenarios;
} ec_playbook;

/* One block of an article body: a heading, a paragraph or a list item. */
typedef enum ec_block_kind { EC_BLOCK_HEADING, EC_BLOCK_PARAGRAPH, EC_BLOCK_ITEM } ec_block_kind;

typedef struct ec_block {
    ec_block_kind kind;
    char *text;  /* inline markup flattened to text, whitespace collapsed */
} ec_block;

typedef struct ec_article {
    ec_meta meta;
    ec_block *blocks;
    size_t n_blocks;
} ec_article;

typedef struct ec_synonym_group {
    ec_strv terms; /* at least two; a term may be several words */
    long line;
} ec_synonym_group;

typedef struct ec_synonyms {
    ec_synonym_group *groups;
    size_t n_groups;
} ec_synonyms;

typedef enum ec_doc_kind { EC_DOC_PLAYBOOK, EC_DOC_ARTICLE, EC_DOC_SYNONYMS } ec_doc_kind;

/* One loaded file. */
typedef struct ec_document {
    ec_doc_kind kind;
    char *file;        /* owned: the path as given */
    union {
        ec_playbook playbook;
        ec_article article;
        ec_synonyms synonyms;
    } u;
} ec_document;

/* The playbook or article metadata of DOC, or NULL for a synonyms file. The
 * pointer lives as long as DOC. */
const ec_meta *ec_document_meta(const ec_document *doc);

/* Frees DOC and everything it owns. NULL is accepted. */
void ec_document_free(ec_document *doc);

#endif
