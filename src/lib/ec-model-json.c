#include "ec-model-json.h"

json_object *ec_json_string(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
}

json_object *ec_json_strv(const ec_strv *v)
{
    json_object *a = json_object_new_array_ext((int)v->n);
    for (size_t i = 0; i < v->n; i++)
        json_object_array_add(a, json_object_new_string(v->items[i]));
    return a;
}

static void add_meta(json_object *o, const ec_meta *m)
{
    json_object_object_add(o, "id", ec_json_string(m->id));
    json_object_object_add(o, "status", ec_json_string(m->status));
    json_object_object_add(o, "version", json_object_new_int(m->version));
    json_object_object_add(o, "title", ec_json_string(m->title));
    json_object_object_add(o, "summary", ec_json_string(m->summary));
    json_object_object_add(o, "category", ec_json_string(m->category));
    json_object_object_add(o, "products", ec_json_strv(&m->products));
    json_object_object_add(o, "channels", ec_json_strv(&m->channels));
    json_object_object_add(o, "owner", ec_json_string(m->owner));
    json_object_object_add(o, "review_by", ec_json_string(m->review_by));
    json_object_object_add(o, "tags", ec_json_strv(&m->tags));
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
    json_object_object_add(o, "severity", ec_json_string(p->severity));
    json_object_object_add(o, "emotional_impact", ec_json_string(p->emotional_impact));
    json_object_object_add(o, "symptoms", ec_json_strv(&p->symptoms));
    json_object_object_add(o, "says", ec_json_strv(&p->says));
    json_object_object_add(o, "acknowledge", ec_json_strv(&p->acknowledge));
    json_object *paths = json_object_new_array();
    for (size_t i = 0; i < p->n_paths; i++) {
        const ec_path *path = &p->paths[i];
        json_object *po = json_object_new_object();
        json_object_object_add(po, "id", ec_json_string(path->id));
        json_object_object_add(po, "authority", ec_json_string(path->authority));
        json_object_object_add(po, "title", ec_json_string(path->title));
        json_object_object_add(po, "when", ec_json_strv(&path->when));
        json_object_object_add(po, "steps", ec_json_strv(&path->steps));
        json_object_array_add(paths, po);
    }
    json_object_object_add(o, "paths", paths);
    json_object *esc = json_object_new_array();
    for (size_t i = 0; i < p->n_escalations; i++) {
        json_object *eo = json_object_new_object();
        json_object_object_add(eo, "to", ec_json_string(p->escalations[i].to));
        json_object_object_add(eo, "when", ec_json_strv(&p->escalations[i].when));
        json_object_array_add(esc, eo);
    }
    json_object_object_add(o, "escalate", esc);
    json_object_object_add(o, "triggers", ec_json_strv(&p->triggers));
    json_object *sc = json_object_new_array();
    for (size_t i = 0; i < p->n_scenarios; i++) {
        const ec_scenario *s = &p->scenarios[i];
        json_object *so = json_object_new_object();
        json_object_object_add(so, "id", ec_json_string(s->id));
        json_object_object_add(so, "difficulty", ec_json_string(s->difficulty));
        json_object_object_add(so, "persona", ec_json_string(s->persona));
        json_object_object_add(so, "opening", ec_json_string(s->opening));
        json_object_object_add(so, "twist", ec_json_string(s->twist));
        json_object_object_add(so, "good_handling", ec_json_string(s->good_handling));
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
        json_object_object_add(bo, "text", ec_json_string(a->blocks[i].text));
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
        json_object_object_add(o, "file", ec_json_string(doc->file));
    return o;
}
