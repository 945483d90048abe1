#include "ec-model-json.h"

static json_object *str_or_null(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
}

static json_object *strv_json(const ec_strv *v)
{
    json_object *a = json_object_new_array_ext((int)v->n);
    for (size_t i = 0; i < v->n; i++)
        json_object_array_add(a, json_object_new_string(v->items[i]));
    return a;
}

static void add_meta(json_object *o, const ec_meta *m)
{
    json_object_object_add(o, "id", str_or_null(m->id));
    json_object_object_add(o, "status", str_or_null(m->status));
    json_object_object_add(o, "version", json_object_new_int(m->version));
    json_object_object_add(o, "title", str_or_null(m->title));
    json_object_object_add(o, "summary", str_or_null(m->summary));
    json_object_object_add(o, "category", str_or_null(m->category));
    json_object_object_add(o, "products", strv_json(&m->products));
    json_object_object_add(o, "channels", strv_json(&m->channels));
    json_object_object_add(o, "owner", str_or_null(m->owner));
    json_object_object_add(o, "review_by", str_or_null(m->review_by));
    json_object_object_add(o, "tags", strv_json(&m->tags));
    json_object *rel = json_object_new_array();
    for (size_t i = 0; i < m->n_related; i++)
        json_object_array_add(rel, json_object_new_string(m->related[i].ref));
    json_object_object_add(o, "related", rel);
}

static json_object *playbook_json(const ec_playbook *p)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "kind", json_object_new_string("playbook"));
    add_meta(o, &p->meta);
    json_object_object_add(o, "severity", str_or_null(p->severity));
    json_object_object_add(o, "emotional_impact", str_or_null(p->emotional_impact));
    json_object_object_add(o, "symptoms", strv_json(&p->symptoms));
    json_object_object_add(o, "says", strv_json(&p->says));
    json_object_object_add(o, "acknowledge", strv_json(&p->acknowledge));
    json_object *paths = json_object_new_array();
    for (size_t i = 0; i < p->n_paths; i++) {
        const ec_path *path = &p->paths[i];
        json_object *po = json_object_new_object();
        json_object_object_add(po, "id", str_or_null(path->id));
        json_object_object_add(po, "authority", str_or_null(path->authority));
        json_object_object_add(po, "title", str_or_null(path->title));
        json_object_object_add(po, "when", strv_json(&path->when));
        json_object_object_add(po, "steps", strv_json(&path->steps));
        json_object_array_add(paths, po);
    }
    json_object_object_add(o, "paths", paths);
    json_object *esc = json_object_new_array();
    for (size_t i = 0; i < p->n_escalations; i++) {
        json_object *eo = json_object_new_object();
        json_object_object_add(eo, "to", str_or_null(p->escalations[i].to));
        json_object_object_add(eo, "when", strv_json(&p->escalations[i].when));
        json_object_array_add(esc, eo);
    }
    json_object_object_add(o, "escalate", esc);
    json_object_object_add(o, "triggers", strv_json(&p->triggers));
    json_object *sc = json_object_new_array();
    for (size_t i = 0; i < p->n_scenarios; i++) {
        const ec_scenario *s = &p->scenarios[i];
        json_object *so = json_object_new_object();
        json_object_object_add(so, "id", str_or_null(s->id));
        json_object_object_add(so, "difficulty", str_or_null(s->difficulty));
        json_object_object_add(so, "persona", str_or_null(s->persona));
        json_object_object_add(so, "opening", str_or_null(s->opening));
        json_object_object_add(so, "twist", str_or_null(s->twist));
        json_object_object_add(so, "good_handling", str_or_null(s->good_handling));
        json_object_array_add(sc, so);
    }
    json_object_object_add(o, "scenarios", sc);
    return o;
}

static json_object *article_json(const ec_article *a)
{
    static const char *const kinds[] = {"heading", "paragraph", "item"};
    json_object *o = json_object_new_object();
    json_object_object_add(o, "kind", json_object_new_string("article"));
    add_meta(o, &a->meta);
    json_object *body = json_object_new_array();
    for (size_t i = 0; i < a->n_blocks; i++) {
        json_object *bo = json_object_new_object();
        json_object_object_add(bo, "kind", json_object_new_string(kinds[a->blocks[i].kind]));
        json_object_object_add(bo, "text", str_or_null(a->blocks[i].text));
        json_object_array_add(body, bo);
    }
    json_object_object_add(o, "body", body);
    return o;
}

json_object *ec_document_to_json(const ec_document *doc)
{
    json_object *o = NULL;
    if (doc->kind == EC_DOC_PLAYBOOK)
        o = playbook_json(&doc->u.playbook);
    else if (doc->kind == EC_DOC_ARTICLE)
        o = article_json(&doc->u.article);
    if (o)
        json_object_object_add(o, "file", str_or_null(doc->file));
    return o;
}
