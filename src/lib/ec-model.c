/* ec-model.c: freeing the model, and the accessors every reader shares. */
#include "ec-model.h"

#include <stdlib.h>

const ec_meta *ec_document_meta(const ec_document *doc)
{
    if (!doc)
        return NULL;
    switch (doc->kind) {
    case EC_DOC_PLAYBOOK: return &doc->u.playbook.meta;
    case EC_DOC_ARTICLE: return &doc->u.article.meta;
    case EC_DOC_SYNONYMS: break;
    }
    return NULL;
}

static void meta_free(ec_meta *m)
{
    free(m->id);
    free(m->status);
    free(m->title);
    free(m->summary);
    free(m->category);
    ec_strv_free(&m->products);
    ec_strv_free(&m->channels);
    free(m->owner);
    free(m->review_by);
    ec_strv_free(&m->tags);
    for (size_t i = 0; i < m->n_related; i++)
        free(m->related[i].ref);
    free(m->related);
}

static void playbook_free(ec_playbook *pb)
{
    meta_free(&pb->meta);
    free(pb->severity);
    free(pb->emotional_impact);
    ec_strv_free(&pb->symptoms);
    ec_strv_free(&pb->says);
    ec_strv_free(&pb->acknowledge);
    for (size_t i = 0; i < pb->n_paths; i++) {
        ec_path *p = &pb->paths[i];
        free(p->id);
        free(p->authority);
        free(p->title);
        ec_strv_free(&p->when);
        ec_strv_free(&p->steps);
    }
    free(pb->paths);
    for (size_t i = 0; i < pb->n_escalations; i++) {
        free(pb->escalations[i].to);
        ec_strv_free(&pb->escalations[i].when);
    }
    free(pb->escalations);
    ec_strv_free(&pb->triggers);
    for (size_t i = 0; i < pb->n_scenarios; i++) {
        ec_scenario *s = &pb->scenarios[i];
        free(s->id);
        free(s->difficulty);
        free(s->persona);
        free(s->opening);
        free(s->twist);
        free(s->good_handling);
    }
    free(pb->scenarios);
}

void ec_document_free(ec_document *doc)
{
    if (!doc)
        return;
    switch (doc->kind) {
    case EC_DOC_PLAYBOOK: playbook_free(&doc->u.playbook); break;
    case EC_DOC_ARTICLE:
        meta_free(&doc->u.article.meta);
        for (size_t i = 0; i < doc->u.article.n_blocks; i++)
            free(doc->u.article.blocks[i].text);
        free(doc->u.article.blocks);
        break;
    case EC_DOC_SYNONYMS:
        for (size_t i = 0; i < doc->u.synonyms.n_groups; i++)
            ec_strv_free(&doc->u.synonyms.groups[i].terms);
        free(doc->u.synonyms.groups);
        break;
    }
    free(doc->file);
    free(doc);
}
