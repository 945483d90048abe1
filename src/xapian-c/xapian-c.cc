// xapian-c.cc: the C API of xapian-c.h over libxapian (1.4).
//
// Every extern "C" function runs its body through guard() (or guard_value()),
// which holds the one catch ladder: no exception crosses into C. A failure's
// message goes to a thread_local string that xc_last_error() returns.
#include <algorithm>
#include "xapian-c.h"

#include <xapian.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// ------------------------------------------------------------------ handles

struct xc_database {
    Xapian::Database db;        // every read goes through this handle
    Xapian::WritableDatabase wdb; // the same database when writable
    bool writable = false;
};

struct xc_document {
    Xapian::Document doc;
};

struct xc_phraseset {
    std::string prefix;
    unsigned extra = 0;
    std::vector<std::string> words; // every phrase's words, sorted, unique
    struct phrase {
        std::string term;         // prefix + the phrase
        std::vector<size_t> word; // indexes into words, in phrase order
    };
    std::vector<phrase> phrases; // sorted by term
};

// A stopword list that counts the words it stops: the term generator skips
// them without a trace, and the indexer still wants them in the length.
struct CountingStopper : Xapian::SimpleStopper {
    mutable unsigned long stopped = 0;
    bool operator()(const std::string &word) const override
    {
        bool stop = Xapian::SimpleStopper::operator()(word);
        stopped += stop;
        return stop;
    }
};

struct xc_termgen {
    Xapian::TermGenerator tg;
    std::unique_ptr<CountingStopper> stopper; // tg points at it
    unsigned long stopped_wdf = 0;            // since set_document
    bool has_document = false;
};

struct xc_query {
    Xapian::Query q;
};

struct xc_queryparser {
    Xapian::QueryParser qp;
    std::unique_ptr<Xapian::SimpleStopper> stopper; // qp points at it
};

struct xc_valuecount {
    Xapian::ValueCountMatchSpy spy;
    explicit xc_valuecount(Xapian::valueno slot) : spy(slot) {}
};

struct xc_enquire {
    Xapian::Enquire enq;
    explicit xc_enquire(const Xapian::Database &db) : enq(db) {}
};

struct xc_mset {
    Xapian::MSet m;
};

struct xc_stemmer {
    Xapian::Stem stem;
};

struct xc_eset {
    // ESetIterator hands out terms by value: keep them so xc_eset_term can
    // lend them for as long as the eset lives.
    std::vector<std::string> terms;
    std::vector<double> weights;
};

// ------------------------------------------------------------------- errors

namespace {

thread_local std::string last_error;
thread_local xc_status last_status = XC_OK;

// Records a failure; never throws (it runs inside catch handlers).
xc_status fail(xc_status st, const char *msg, const char *detail = nullptr) noexcept
{
    last_status = st;
    try {
        last_error.assign(msg ? msg : "");
        if (detail && *detail) {
            last_error += " (";
            last_error += detail;
            last_error += ")";
        }
    } catch (...) {
        last_error.clear(); // xc_last_error() falls back to the status name
    }
    return st;
}

xc_status fail(xc_status st, const Xapian::Error &e) noexcept
{
    const char *detail = nullptr;
    try {
        detail = e.get_error_string(); // errno text, e.g. "No such file or directory"
    } catch (...) {
    }
    return fail(st, e.get_msg().c_str(), detail);
}

// 1 when a DatabaseOpeningError is about a missing file (errno ENOENT).
bool is_enoent(const Xapian::Error &e) noexcept
{
    try {
        const char *s = e.get_error_string();
        return s && std::strcmp(s, std::strerror(ENOENT)) == 0;
    } catch (...) {
        return false;
    }
}

// Runs F, turning whatever it throws into an xc_status. The one catch ladder:
// most derived classes first.
template <class F> xc_status guard(F &&f) noexcept
{
    try {
        f();
        return XC_OK;
    } catch (const Xapian::DatabaseLockError &e) {
        return fail(XC_ERR_LOCKED, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return fail(XC_ERR_MODIFIED, e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return fail(XC_ERR_NOT_FOUND, e);
    } catch (const Xapian::DatabaseVersionError &e) {
        return fail(XC_ERR_CORRUPT, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return fail(XC_ERR_CORRUPT, e);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return fail(is_enoent(e) ? XC_ERR_NOT_FOUND : XC_ERR_OPENING, e);
    } catch (const Xapian::DatabaseCreateError &e) {
        return fail(XC_ERR_OPENING, e);
    } catch (const Xapian::DatabaseError &e) {
        return fail(XC_ERR_DATABASE, e);
    } catch (const Xapian::QueryParserError &e) {
        return fail(XC_ERR_QUERY, e);
    } catch (const Xapian::NetworkError &e) { // NetworkTimeoutError too
        return fail(XC_ERR_NETWORK, e);
    } catch (const Xapian::UnimplementedError &e) {
        return fail(XC_ERR_UNIMPLEMENTED, e);
    } catch (const Xapian::FeatureUnavailableError &e) {
        return fail(XC_ERR_UNIMPLEMENTED, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return fail(XC_ERR_INVALID, e);
    } catch (const Xapian::InvalidOperationError &e) {
        return fail(XC_ERR_INVALID, e);
    } catch (const Xapian::DocNotFoundError &e) {
        return fail(XC_ERR_NOT_FOUND, e);
    } catch (const Xapian::Error &e) {
        return fail(XC_ERR_XAPIAN, e);
    } catch (const std::bad_alloc &) {
        return fail(XC_ERR_NOMEM, "out of memory");
    } catch (const std::exception &e) {
        return fail(XC_ERR_EXCEPTION, e.what());
    } catch (...) {
        return fail(XC_ERR_UNKNOWN, "unknown C++ exception");
    }
}

// For functions that return a value rather than a status: DFLT on failure.
template <class T, class F> T guard_value(T dflt, F &&f) noexcept
{
    T result = dflt;
    if (guard([&] { result = f(); }) != XC_OK)
        return dflt;
    return result;
}

[[noreturn]] void invalid(const std::string &msg)
{
    throw Xapian::InvalidArgumentError(msg);
}

template <class H> H *need(H *h, const char *what)
{
    if (!h)
        invalid(std::string(what) + " is NULL");
    return h;
}

std::string need_str(const char *s, const char *what)
{
    if (!s)
        invalid(std::string(what) + " is NULL");
    return s;
}

std::string opt_str(const char *s)
{
    return s ? std::string(s) : std::string();
}

// LEN bytes at P; P may be NULL only when LEN is 0.
std::string bytes(const char *p, size_t len, const char *what)
{
    if (!p && len)
        invalid(std::string(what) + " is NULL");
    return len ? std::string(p, len) : std::string();
}

char *dup_str(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

// Hands S out as a malloc'd copy in *OUT (and its length in *LEN).
void give(const std::string &s, char **out, size_t *len)
{
    need(out, "output pointer");
    *out = dup_str(s);
    if (len)
        *len = s.size();
}

Xapian::WritableDatabase &writable(xc_database *db)
{
    need(db, "database");
    if (!db->writable)
        invalid("the database is read-only");
    return db->wdb;
}

// A Snowball stemmer that remembers its answers. Stemming is a pure function
// of the word, so the terms are the same; but the same few thousand words come
// back all the time (every path of a playbook repeats its text; every snippet
// stems its whole text), and Snowball cost 16% of indexing and 10% of search
// instructions (callgrind, make bench). A hash lookup is a fraction of that.
// Not thread-safe, like the handle that owns it.
class CachingStem : public Xapian::StemImplementation {
    Xapian::Stem inner;
    std::unordered_map<std::string, std::string> cache;
    // Bounds memory on an endless stream of new words (codes, names): a few MB.
    static constexpr size_t max_entries = 65536;

  public:
    explicit CachingStem(const Xapian::Stem &s) : inner(s) {}
    std::string operator()(const std::string &word) override
    {
        auto it = cache.find(word);
        if (it != cache.end())
            return it->second;
        if (cache.size() >= max_entries)
            cache.clear();
        std::string stem = inner(word);
        cache.emplace(word, stem);
        return stem;
    }
    std::string get_description() const override { return inner.get_description(); }
};

// LANGUAGE's stemmer, with its own cache (each handle gets one, as handles
// are used by one thread at a time).
Xapian::Stem stemmer(const char *language)
{
    if (!language || !*language)
        return Xapian::Stem();
    Xapian::Stem plain(language); // "none" is Xapian's own no-op stemmer
    if (plain.is_none())
        return plain;
    return Xapian::Stem(new CachingStem(plain));
}

// LANGUAGE's stemmer for calls that make no handle (snippets): one per thread
// and language, so its cache lasts across calls.
Xapian::Stem thread_stemmer(const char *language)
{
    thread_local std::unordered_map<std::string, Xapian::Stem> stems;
    std::string key = language ? language : "";
    auto it = stems.find(key);
    if (it == stems.end())
        it = stems.emplace(key, stemmer(language)).first;
    return it->second;
}

// Calls FN over a TermIterator range; WITH_FREQ asks for get_termfreq().
void each_term(Xapian::TermIterator it, xc_term_fn fn, void *user, bool with_freq)
{
    need(fn, "callback");
    for (; it != Xapian::TermIterator(); ++it) {
        std::string t = *it;
        unsigned freq = with_freq ? unsigned(it.get_termfreq()) : 0u;
        if (fn(user, t.c_str(), t.size(), freq))
            break;
    }
}

Xapian::Query::op to_op(xc_query_op op)
{
    switch (op) {
    case XC_OP_AND: return Xapian::Query::OP_AND;
    case XC_OP_OR: return Xapian::Query::OP_OR;
    case XC_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
    case XC_OP_XOR: return Xapian::Query::OP_XOR;
    case XC_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
    case XC_OP_FILTER: return Xapian::Query::OP_FILTER;
    case XC_OP_NEAR: return Xapian::Query::OP_NEAR;
    case XC_OP_PHRASE: return Xapian::Query::OP_PHRASE;
    case XC_OP_ELITE_SET: return Xapian::Query::OP_ELITE_SET;
    case XC_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
    case XC_OP_MAX: return Xapian::Query::OP_MAX;
    }
    invalid("unknown query operator " + std::to_string(int(op)));
}

template <class C> typename C::stem_strategy to_stem_strategy(xc_stem_strategy s)
{
    switch (s) {
    case XC_STEM_NONE: return C::STEM_NONE;
    case XC_STEM_SOME: return C::STEM_SOME;
    case XC_STEM_ALL: return C::STEM_ALL;
    case XC_STEM_ALL_Z: return C::STEM_ALL_Z;
    case XC_STEM_SOME_FULL_POS: return C::STEM_SOME_FULL_POS;
    }
    invalid("unknown stemming strategy " + std::to_string(int(s)));
}

template <class Stopper = Xapian::SimpleStopper>
std::unique_ptr<Stopper> make_stopper(const char *const *words, size_t n)
{
    if (n == 0)
        return nullptr;
    if (!words)
        invalid("stopword list is NULL");
    auto stopper = std::make_unique<Stopper>();
    for (size_t i = 0; i < n; i++)
        stopper->add(need_str(words[i], "stopword"));
    return stopper;
}

// The QueryParser flags are Xapian's own values.
static_assert(int(XC_QP_BOOLEAN) == int(Xapian::QueryParser::FLAG_BOOLEAN), "flag");
static_assert(int(XC_QP_PHRASE) == int(Xapian::QueryParser::FLAG_PHRASE), "flag");
static_assert(int(XC_QP_LOVEHATE) == int(Xapian::QueryParser::FLAG_LOVEHATE), "flag");
static_assert(int(XC_QP_BOOLEAN_ANY_CASE) == int(Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE), "flag");
static_assert(int(XC_QP_WILDCARD) == int(Xapian::QueryParser::FLAG_WILDCARD), "flag");
static_assert(int(XC_QP_PURE_NOT) == int(Xapian::QueryParser::FLAG_PURE_NOT), "flag");
static_assert(int(XC_QP_PARTIAL) == int(Xapian::QueryParser::FLAG_PARTIAL), "flag");
static_assert(int(XC_QP_SPELLING_CORRECTION) == int(Xapian::QueryParser::FLAG_SPELLING_CORRECTION), "flag");
static_assert(int(XC_QP_SYNONYM) == int(Xapian::QueryParser::FLAG_SYNONYM), "flag");
static_assert(int(XC_QP_AUTO_SYNONYMS) == int(Xapian::QueryParser::FLAG_AUTO_SYNONYMS), "flag");
static_assert(int(XC_QP_AUTO_MULTIWORD_SYNONYMS) == int(Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS), "flag");
static_assert(int(XC_QP_CJK_NGRAM) == int(Xapian::QueryParser::FLAG_CJK_NGRAM), "flag");
const unsigned QP_ALL_FLAGS = 4095;

static_assert(int(XC_SNIPPET_BACKGROUND_MODEL) == int(Xapian::MSet::SNIPPET_BACKGROUND_MODEL), "flag");
static_assert(int(XC_SNIPPET_EXHAUSTIVE) == int(Xapian::MSet::SNIPPET_EXHAUSTIVE), "flag");
static_assert(int(XC_SNIPPET_EMPTY_WITHOUT_MATCH) == int(Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH), "flag");

// A Document read from a database is a lazy view of it: it fails once the
// database is closed or has moved on (DatabaseModifiedError). The header
// promises a copy, so build one that owns its data, values, terms and positions.
Xapian::Document copy_document(const Xapian::Document &src)
{
    Xapian::Document doc;
    doc.set_data(src.get_data());
    for (auto v = src.values_begin(); v != src.values_end(); ++v)
        doc.add_value(v.get_valueno(), *v);
    for (auto t = src.termlist_begin(); t != src.termlist_end(); ++t) {
        std::string term = *t;
        // (No positionlist_count(): the remote backend does not implement it.)
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
            doc.add_posting(term, *p, 0);
        doc.add_term(term, t.get_wdf()); // wdf 0: a boolean term
    }
    return doc;
}

Xapian::MSetIterator item(const xc_mset *mset, unsigned i)
{
    need(mset, "mset");
    if (i >= mset->m.size())
        invalid("result index " + std::to_string(i) + " is out of range (size " +
                std::to_string(mset->m.size()) + ")");
    return mset->m[i];
}

} // namespace

extern "C" {

// ------------------------------------------------------------------ general

const char *xc_status_to_string(xc_status status)
{
    switch (status) {
    case XC_OK: return "success";
    case XC_ERR_NOMEM: return "out of memory";
    case XC_ERR_INVALID: return "invalid argument";
    case XC_ERR_NOT_FOUND: return "not found";
    case XC_ERR_OPENING: return "database cannot be opened";
    case XC_ERR_LOCKED: return "database locked by another writer";
    case XC_ERR_MODIFIED: return "database modified: reopen and retry";
    case XC_ERR_CORRUPT: return "database corrupt or of an unsupported version";
    case XC_ERR_QUERY: return "query syntax error";
    case XC_ERR_NETWORK: return "network error";
    case XC_ERR_UNIMPLEMENTED: return "not implemented by this backend";
    case XC_ERR_DATABASE: return "database error";
    case XC_ERR_XAPIAN: return "Xapian error";
    case XC_ERR_EXCEPTION: return "C++ exception";
    case XC_ERR_UNKNOWN: return "unknown error";
    }
    return "unknown status";
}

const char *xc_last_error(void)
{
    if (last_error.empty() && last_status != XC_OK)
        return xc_status_to_string(last_status);
    return last_error.c_str();
}

const char *xc_version_string(void)
{
    return Xapian::version_string(); // a static string of libxapian
}

// ---------------------------------------------------------------- databases

xc_status xc_database_open(const char *path, xc_database **out)
{
    return guard([&] {
        std::string p = need_str(path, "path");
        need(out, "output pointer");
        auto db = std::make_unique<xc_database>();
        db->db = Xapian::Database(p);
        *out = db.release();
    });
}

xc_status xc_set_flush_threshold(unsigned docs)
{
    return guard([&] {
        if (docs == 0)
            invalid("a flush threshold of 0 documents");
        if (setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(docs).c_str(), 0) != 0)
            throw std::runtime_error(std::string("cannot set XAPIAN_FLUSH_THRESHOLD: ") + strerror(errno));
    });
}

xc_status xc_database_open_writable(const char *path, int flags, xc_database **out)
{
    return guard([&] {
        need(out, "output pointer");
        if (flags & ~(3 | XC_DB_NO_SYNC | XC_DB_RETRY_LOCK | XC_DB_INMEMORY))
            invalid("unknown database flags " + std::to_string(flags));
        auto db = std::make_unique<xc_database>();
        if (flags & XC_DB_INMEMORY) {
            // Xapian::InMemory::open() is deprecated in 1.4.22 (a warning
            // under -Wall); this is its body.
            db->wdb = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
        } else {
            std::string p = need_str(path, "path");
            int xflags = 0;
            switch (flags & 3) {
            case XC_DB_CREATE_OR_OPEN: xflags = Xapian::DB_CREATE_OR_OPEN; break;
            case XC_DB_CREATE: xflags = Xapian::DB_CREATE; break;
            case XC_DB_CREATE_OR_OVERWRITE: xflags = Xapian::DB_CREATE_OR_OVERWRITE; break;
            case XC_DB_OPEN: xflags = Xapian::DB_OPEN; break;
            }
            if (flags & XC_DB_NO_SYNC)
                xflags |= Xapian::DB_NO_SYNC;
            if (flags & XC_DB_RETRY_LOCK)
                xflags |= Xapian::DB_RETRY_LOCK;
            db->wdb = Xapian::WritableDatabase(p, xflags);
        }
        db->db = db->wdb;
        db->writable = true;
        *out = db.release();
    });
}

xc_status xc_database_open_remote_tcp(const char *host, unsigned port, unsigned timeout_ms,
                                      int writable, xc_database **out)
{
    return guard([&] {
        std::string h = need_str(host, "host");
        need(out, "output pointer");
        if (port == 0 || port > 65535)
            invalid("bad port " + std::to_string(port));
        auto db = std::make_unique<xc_database>();
        if (writable) {
            db->wdb = timeout_ms ? Xapian::Remote::open_writable(h, port, timeout_ms, timeout_ms)
                                 : Xapian::Remote::open_writable(h, port);
            db->db = db->wdb;
            db->writable = true;
        } else {
            db->db = timeout_ms ? Xapian::Remote::open(h, port, timeout_ms, timeout_ms)
                                : Xapian::Remote::open(h, port);
        }
        *out = db.release();
    });
}

xc_status xc_database_open_remote_prog(const char *program, const char *args, int writable,
                                       xc_database **out)
{
    return guard([&] {
        std::string prog = need_str(program, "program");
        std::string a = opt_str(args);
        need(out, "output pointer");
        auto db = std::make_unique<xc_database>();
        if (writable) {
            db->wdb = Xapian::Remote::open_writable(prog, a);
            db->db = db->wdb;
            db->writable = true;
        } else {
            db->db = Xapian::Remote::open(prog, a);
        }
        *out = db.release();
    });
}

void xc_database_free(xc_database *db)
{
    if (!db)
        return;
    // close() commits a writable database (outside a transaction) and drops
    // its lock now, even if a termgen/queryparser/enquire still holds a copy.
    guard([&] { db->db.close(); });
    delete db; // the destructors of Xapian handles do not throw
}

int xc_database_is_writable(const xc_database *db)
{
    return db && db->writable ? 1 : 0;
}

xc_status xc_database_reopen(xc_database *db, int *changed)
{
    return guard([&] {
        bool moved = need(db, "database")->db.reopen();
        if (changed)
            *changed = moved ? 1 : 0;
    });
}

xc_status xc_database_doccount(xc_database *db, unsigned *out)
{
    return guard([&] {
        unsigned n = need(db, "database")->db.get_doccount();
        *need(out, "output pointer") = n;
    });
}

xc_status xc_database_lastdocid(xc_database *db, xc_docid *out)
{
    return guard([&] {
        xc_docid id = need(db, "database")->db.get_lastdocid();
        *need(out, "output pointer") = id;
    });
}

xc_status xc_database_avlength(xc_database *db, double *out)
{
    return guard([&] {
        double avg = need(db, "database")->db.get_avlength();
        *need(out, "output pointer") = avg;
    });
}

xc_status xc_database_term_exists(xc_database *db, const char *term, int *out)
{
    return guard([&] {
        bool e = need(db, "database")->db.term_exists(need_str(term, "term"));
        *need(out, "output pointer") = e ? 1 : 0;
    });
}

xc_status xc_database_termfreq(xc_database *db, const char *term, unsigned *out)
{
    return guard([&] {
        unsigned n = need(db, "database")->db.get_termfreq(need_str(term, "term"));
        *need(out, "output pointer") = n;
    });
}

xc_status xc_database_postlist(xc_database *db, const char *term, xc_docid_fn fn, void *user)
{
    return guard([&] {
        need(db, "database");
        need(fn, "callback");
        std::string t = need_str(term, "term");
        for (auto it = db->db.postlist_begin(t); it != db->db.postlist_end(t); ++it)
            if (fn(user, *it))
                break;
    });
}

xc_status xc_database_allterms(xc_database *db, const char *prefix, xc_term_fn fn, void *user)
{
    return guard([&] {
        need(db, "database");
        each_term(db->db.allterms_begin(opt_str(prefix)), fn, user, true);
    });
}

xc_status xc_database_get_metadata(xc_database *db, const char *key, char **value, size_t *len)
{
    return guard([&] {
        std::string v = need(db, "database")->db.get_metadata(need_str(key, "key"));
        give(v, value, len);
    });
}

xc_status xc_database_set_metadata(xc_database *db, const char *key, const char *value,
                                   size_t len)
{
    return guard([&] {
        writable(db).set_metadata(need_str(key, "key"), bytes(value, len, "value"));
    });
}

xc_status xc_database_metadata_keys(xc_database *db, const char *prefix, xc_term_fn fn,
                                    void *user)
{
    return guard([&] {
        need(db, "database");
        each_term(db->db.metadata_keys_begin(opt_str(prefix)), fn, user, false);
    });
}

xc_status xc_database_spelling_suggestion(xc_database *db, const char *word,
                                          unsigned max_edit_distance, char **out)
{
    return guard([&] {
        need(db, "database");
        std::string s = db->db.get_spelling_suggestion(need_str(word, "word"),
                                                       max_edit_distance ? max_edit_distance : 2);
        give(s, out, nullptr);
    });
}

xc_status xc_database_add_spelling(xc_database *db, const char *word, unsigned freq_inc)
{
    return guard([&] { writable(db).add_spelling(need_str(word, "word"), freq_inc); });
}

xc_status xc_database_remove_spelling(xc_database *db, const char *word, unsigned freq_dec)
{
    return guard([&] { writable(db).remove_spelling(need_str(word, "word"), freq_dec); });
}

xc_status xc_database_add_synonym(xc_database *db, const char *term, const char *synonym)
{
    return guard([&] {
        writable(db).add_synonym(need_str(term, "term"), need_str(synonym, "synonym"));
    });
}

xc_status xc_database_remove_synonym(xc_database *db, const char *term, const char *synonym)
{
    return guard([&] {
        writable(db).remove_synonym(need_str(term, "term"), need_str(synonym, "synonym"));
    });
}

xc_status xc_database_clear_synonyms(xc_database *db, const char *term)
{
    return guard([&] { writable(db).clear_synonyms(need_str(term, "term")); });
}

xc_status xc_database_synonyms(xc_database *db, const char *term, xc_term_fn fn, void *user)
{
    return guard([&] {
        need(db, "database");
        // Synonym iterators have no term frequency: FREQ is 0.
        each_term(db->db.synonyms_begin(need_str(term, "term")), fn, user, false);
    });
}

xc_status xc_database_synonym_keys(xc_database *db, const char *prefix, xc_term_fn fn,
                                   void *user)
{
    return guard([&] {
        need(db, "database");
        each_term(db->db.synonym_keys_begin(opt_str(prefix)), fn, user, false);
    });
}

xc_status xc_database_commit(xc_database *db)
{
    return guard([&] { writable(db).commit(); });
}

xc_status xc_database_begin_transaction(xc_database *db, int flushed)
{
    return guard([&] { writable(db).begin_transaction(flushed != 0); });
}

xc_status xc_database_commit_transaction(xc_database *db)
{
    return guard([&] { writable(db).commit_transaction(); });
}

xc_status xc_database_compact(xc_database *db, const char *out_dir)
{
    return guard([&] {
        need(db, "database")->db.compact(need_str(out_dir, "output directory"),
                                        Xapian::Compactor::FULL | Xapian::DBCOMPACT_NO_RENUMBER);
    });
}

xc_status xc_database_cancel_transaction(xc_database *db)
{
    return guard([&] { writable(db).cancel_transaction(); });
}

// ---------------------------------------------------------------- documents

xc_status xc_document_new(xc_document **out)
{
    return guard([&] {
        need(out, "output pointer");
        *out = new xc_document();
    });
}

void xc_document_free(xc_document *doc)
{
    delete doc;
}

xc_status xc_database_get_document(xc_database *db, xc_docid docid, xc_document **out)
{
    return guard([&] {
        need(db, "database");
        need(out, "output pointer");
        if (docid == 0)
            throw Xapian::DocNotFoundError("Document 0 not found (0 means no document)");
        auto doc = std::make_unique<xc_document>();
        doc->doc = copy_document(db->db.get_document(docid));
        *out = doc.release();
    });
}

xc_status xc_database_document_terms(xc_database *db, xc_docid docid, const char *prefix,
                                     xc_term_fn fn, void *user)
{
    return guard([&] {
        need(db, "database");
        need(fn, "callback");
        std::string p = opt_str(prefix);
        Xapian::TermIterator it = db->db.termlist_begin(docid), end = db->db.termlist_end(docid);
        if (!p.empty())
            it.skip_to(p);
        for (; it != end; ++it) {
            std::string t = *it;
            if (t.compare(0, p.size(), p) != 0 || fn(user, t.c_str(), t.size(), it.get_wdf()))
                break;
        }
    });
}

xc_status xc_document_set_data(xc_document *doc, const char *data, size_t len)
{
    return guard([&] { need(doc, "document")->doc.set_data(bytes(data, len, "data")); });
}

xc_status xc_document_get_data(xc_document *doc, char **data, size_t *len)
{
    return guard([&] { give(need(doc, "document")->doc.get_data(), data, len); });
}

xc_status xc_document_add_term(xc_document *doc, const char *term, unsigned wdf_inc)
{
    return guard([&] { need(doc, "document")->doc.add_term(need_str(term, "term"), wdf_inc); });
}

xc_status xc_document_add_posting(xc_document *doc, const char *term, unsigned pos,
                                  unsigned wdf_inc)
{
    return guard([&] {
        need(doc, "document")->doc.add_posting(need_str(term, "term"), pos, wdf_inc);
    });
}

xc_status xc_document_add_boolean_term(xc_document *doc, const char *term)
{
    return guard([&] { need(doc, "document")->doc.add_boolean_term(need_str(term, "term")); });
}

xc_status xc_document_remove_term(xc_document *doc, const char *term)
{
    return guard([&] { need(doc, "document")->doc.remove_term(need_str(term, "term")); });
}

xc_status xc_document_drop_positions(xc_document *doc)
{
    return guard([&] {
        Xapian::Document &d = need(doc, "document")->doc;
        std::vector<std::string> positional;
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t)
            if (t.positionlist_begin() != t.positionlist_end())
                positional.push_back(*t);
        for (const auto &term : positional)
            d.remove_postings(term, 0, Xapian::termpos(-1), 0); // wdf_dec 0: wdf stays
    });
}

// ------------------------------------------------------------ phrase terms

xc_status xc_phraseset_new(const char *const *phrases, size_t n, const char *prefix,
                           unsigned extra, xc_phraseset **out)
{
    return guard([&] {
        need(out, "output pointer");
        *out = nullptr;
        if (n)
            need(phrases, "phrases");
        std::unique_ptr<xc_phraseset> ps(new xc_phraseset);
        ps->prefix = prefix ? prefix : "";
        ps->extra = extra;
        std::vector<std::vector<std::string>> split;
        for (size_t i = 0; i < n; i++) {
            std::string p = need_str(phrases[i], "phrase");
            std::vector<std::string> w;
            for (size_t a = 0; a < p.size();) {
                size_t b = p.find(' ', a);
                if (b == std::string::npos)
                    b = p.size();
                if (b > a)
                    w.push_back(p.substr(a, b - a));
                a = b + 1;
            }
            if (w.size() < 2)
                continue;
            ps->words.insert(ps->words.end(), w.begin(), w.end());
            split.push_back(std::move(w));
        }
        std::sort(ps->words.begin(), ps->words.end());
        ps->words.erase(std::unique(ps->words.begin(), ps->words.end()), ps->words.end());
        for (const auto &w : split) {
            xc_phraseset::phrase ph;
            ph.term = ps->prefix;
            for (size_t i = 0; i < w.size(); i++) {
                ph.term += (i ? " " : "") + w[i];
                ph.word.push_back(size_t(
                    std::lower_bound(ps->words.begin(), ps->words.end(), w[i]) - ps->words.begin()));
            }
            ps->phrases.push_back(std::move(ph));
        }
        std::sort(ps->phrases.begin(), ps->phrases.end(),
                  [](const xc_phraseset::phrase &a, const xc_phraseset::phrase &b) {
                      return a.term < b.term;
                  });
        ps->phrases.erase(std::unique(ps->phrases.begin(), ps->phrases.end(),
                                      [](const xc_phraseset::phrase &a,
                                         const xc_phraseset::phrase &b) { return a.term == b.term; }),
                          ps->phrases.end());
        *out = ps.release();
    });
}

void xc_phraseset_free(xc_phraseset *ps)
{
    delete ps;
}

size_t xc_phraseset_size(const xc_phraseset *ps)
{
    return ps ? ps->phrases.size() : 0;
}

namespace {

// OP_PHRASE's test: the words in order, first to last within WINDOW positions.
bool in_order_within(const std::vector<const std::vector<Xapian::termpos> *> &lists,
                     Xapian::termpos window)
{
    for (Xapian::termpos base : *lists[0]) {
        Xapian::termpos p = base;
        for (size_t i = 1; i < lists.size(); i++) {
            auto next = std::upper_bound(lists[i]->begin(), lists[i]->end(), p);
            if (next == lists[i]->end())
                return false; // no later start can do better
            p = *next;
        }
        if (p - base < window)
            return true;
    }
    return false;
}

} // namespace

xc_status xc_phraseset_apply(const xc_phraseset *ps, xc_document *doc, int *changed)
{
    return guard([&] {
        need(ps, "phrase set");
        Xapian::Document &d = need(doc, "document")->doc;
        if (changed)
            *changed = 0;
        if (ps->phrases.empty())
            return;
        // One pass over the sorted term list for the phrase words' wdf and
        // positions, and the phrase terms the document has now.
        const size_t nw = ps->words.size();
        std::vector<Xapian::termcount> wdf(nw, 0);
        std::vector<std::vector<Xapian::termpos>> pos(nw);
        std::vector<Xapian::termcount> has(ps->phrases.size(), 0);
        Xapian::TermIterator it = d.termlist_begin(), end = d.termlist_end();
        for (size_t k = 0; k < nw && it != end; k++) {
            it.skip_to(ps->words[k]);
            if (it == end)
                break;
            if (*it != ps->words[k])
                continue;
            wdf[k] = it.get_wdf();
            pos[k].assign(it.positionlist_begin(), it.positionlist_end());
        }
        it = d.termlist_begin();
        if (!ps->prefix.empty())
            it.skip_to(ps->prefix);
        size_t j = 0;
        for (; it != end && j < ps->phrases.size(); ++it) {
            std::string t = *it;
            if (t.compare(0, ps->prefix.size(), ps->prefix) != 0)
                break;
            while (j < ps->phrases.size() && ps->phrases[j].term < t)
                j++;
            if (j < ps->phrases.size() && ps->phrases[j].term == t)
                has[j] = it.get_wdf();
        }
        std::vector<const std::vector<Xapian::termpos> *> lists;
        for (size_t i = 0; i < ps->phrases.size(); i++) {
            const auto &ph = ps->phrases[i];
            Xapian::termcount want = 0, least = 0;
            lists.clear();
            for (size_t w : ph.word) {
                if (pos[w].empty()) {
                    lists.clear();
                    break;
                }
                least = lists.empty() ? wdf[w] : std::min(least, wdf[w]);
                lists.push_back(&pos[w]);
            }
            if (!lists.empty() && in_order_within(lists, Xapian::termpos(ph.word.size() + ps->extra)))
                want = least ? least : 1;
            if (want == has[i])
                continue;
            if (has[i])
                d.remove_term(ph.term);
            if (want)
                d.add_term(ph.term, want);
            if (changed)
                *changed = 1;
        }
    });
}

xc_status xc_document_terms(xc_document *doc, xc_term_fn fn, void *user)
{
    return guard([&] {
        need(doc, "document");
        need(fn, "callback");
        for (auto it = doc->doc.termlist_begin(); it != doc->doc.termlist_end(); ++it) {
            std::string t = *it;
            if (fn(user, t.c_str(), t.size(), it.get_wdf()))
                break;
        }
    });
}

xc_status xc_document_set_value(xc_document *doc, xc_slot slot, const char *value, size_t len)
{
    return guard([&] {
        need(doc, "document");
        if (len == 0)
            doc->doc.remove_value(slot);
        else
            doc->doc.add_value(slot, bytes(value, len, "value"));
    });
}

xc_status xc_document_get_value(xc_document *doc, xc_slot slot, char **value, size_t *len)
{
    return guard([&] { give(need(doc, "document")->doc.get_value(slot), value, len); });
}

xc_status xc_database_add_document(xc_database *db, xc_document *doc, xc_docid *docid)
{
    return guard([&] {
        Xapian::WritableDatabase &w = writable(db);
        xc_docid id = w.add_document(need(doc, "document")->doc);
        if (docid)
            *docid = id;
    });
}

xc_status xc_database_replace_document(xc_database *db, xc_docid docid, xc_document *doc)
{
    return guard([&] {
        Xapian::WritableDatabase &w = writable(db);
        w.replace_document(docid, need(doc, "document")->doc);
    });
}

xc_status xc_database_replace_document_by_term(xc_database *db, const char *unique_term,
                                               xc_document *doc, xc_docid *docid)
{
    return guard([&] {
        Xapian::WritableDatabase &w = writable(db);
        std::string t = need_str(unique_term, "unique term");
        xc_docid id = w.replace_document(t, need(doc, "document")->doc);
        if (docid)
            *docid = id;
    });
}

xc_status xc_database_change_terms(xc_database *db, xc_docid docid, const char *const *remove,
                                   size_t n_remove, const char *const *add, const unsigned *add_wdf,
                                   size_t n_add)
{
    return guard([&] {
        Xapian::WritableDatabase &w = writable(db);
        if ((n_remove && !remove) || (n_add && (!add || !add_wdf)))
            invalid("term array is NULL");
        // Modified from the database itself, the document keeps its lazy
        // view: Xapian then writes the changed postings and nothing else.
        Xapian::Document doc = w.get_document(docid);
        // remove_term() throws for a term the document lacks: find those it
        // has in one pass over its term list, in byte order.
        std::vector<std::string> gone;
        for (size_t i = 0; i < n_remove; i++)
            gone.push_back(need_str(remove[i], "term"));
        std::sort(gone.begin(), gone.end());
        std::vector<std::string> present;
        Xapian::TermIterator it = doc.termlist_begin(), end = doc.termlist_end();
        for (const std::string &t : gone) {
            it.skip_to(t);
            if (it == end)
                break;
            if (*it == t && (present.empty() || present.back() != t))
                present.push_back(t);
        }
        for (const std::string &t : present)
            doc.remove_term(t);
        for (size_t i = 0; i < n_add; i++)
            doc.add_term(need_str(add[i], "term"), add_wdf[i]);
        w.replace_document(docid, doc);
    });
}

xc_status xc_database_delete_document(xc_database *db, xc_docid docid)
{
    return guard([&] { writable(db).delete_document(docid); });
}

xc_status xc_database_delete_documents_by_term(xc_database *db, const char *term)
{
    return guard([&] { writable(db).delete_document(need_str(term, "term")); });
}

// ----------------------------------------------------------- term generator

xc_status xc_termgen_new(const char *language, xc_termgen **out)
{
    return guard([&] {
        need(out, "output pointer");
        auto tg = std::make_unique<xc_termgen>();
        tg->tg.set_stemmer(stemmer(language));
        *out = tg.release();
    });
}

void xc_termgen_free(xc_termgen *tg)
{
    delete tg; // tg->tg goes before tg->stopper (reverse order of members)
}

xc_status xc_termgen_set_stemming_strategy(xc_termgen *tg, xc_stem_strategy strategy)
{
    return guard([&] {
        need(tg, "term generator")
            ->tg.set_stemming_strategy(to_stem_strategy<Xapian::TermGenerator>(strategy));
    });
}

xc_status xc_termgen_set_stopwords(xc_termgen *tg, const char *const *words, size_t n)
{
    return guard([&] {
        need(tg, "term generator");
        auto stopper = make_stopper<CountingStopper>(words, n);
        tg->tg.set_stopper(stopper.get()); // NULL: no stopper
        // STOP_STEMMED stops nothing under STEM_ALL (it keeps stopwords out
        // of the Z terms only), so every "the" was indexed until layout 4.
        tg->tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
        tg->stopper = std::move(stopper); // the old one is unused now
    });
}

xc_status xc_termgen_set_document(xc_termgen *tg, xc_document *doc)
{
    return guard([&] {
        need(tg, "term generator");
        // Documents are reference-counted handles: terms go into DOC itself.
        tg->tg.set_document(need(doc, "document")->doc);
        tg->has_document = true;
        tg->stopped_wdf = 0;
    });
}

xc_status xc_termgen_set_spelling_database(xc_termgen *tg, xc_database *db)
{
    return guard([&] {
        need(tg, "term generator");
        if (!db) {
            tg->tg.set_flags(0, ~Xapian::TermGenerator::flags(Xapian::TermGenerator::FLAG_SPELLING));
            tg->tg.set_database(Xapian::WritableDatabase());
            return;
        }
        tg->tg.set_database(writable(db));
        tg->tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING,
                         ~Xapian::TermGenerator::flags(Xapian::TermGenerator::FLAG_SPELLING));
    });
}

xc_status xc_termgen_index_text(xc_termgen *tg, const char *text, size_t len, unsigned wdf_inc,
                                const char *prefix, int positions)
{
    return guard([&] {
        need(tg, "term generator");
        if (!tg->has_document)
            throw Xapian::InvalidOperationError("no document: call xc_termgen_set_document first");
        if (len == size_t(-1))
            len = need(text, "text") ? std::strlen(text) : 0;
        else if (!text && len)
            invalid("text is NULL");
        Xapian::Utf8Iterator it(text ? text : "", len);
        std::string pfx = opt_str(prefix);
        unsigned long before = tg->stopper ? tg->stopper->stopped : 0;
        if (positions)
            tg->tg.index_text(it, wdf_inc, pfx);
        else
            tg->tg.index_text_without_positions(it, wdf_inc, pfx);
        if (tg->stopper)
            tg->stopped_wdf += (tg->stopper->stopped - before) * wdf_inc;
    });
}

unsigned long xc_termgen_stopped_wdf(const xc_termgen *tg)
{
    return tg ? tg->stopped_wdf : 0;
}

xc_status xc_termgen_increase_termpos(xc_termgen *tg, unsigned delta)
{
    return guard([&] { need(tg, "term generator")->tg.increase_termpos(delta); });
}

// -------------------------------------------------------------------- query

xc_status xc_query_new_term(const char *term, unsigned wqf, unsigned pos, xc_query **out)
{
    return guard([&] {
        std::string t = need_str(term, "term");
        need(out, "output pointer");
        *out = new xc_query{Xapian::Query(t, wqf ? wqf : 1, pos)};
    });
}

xc_status xc_query_combine(xc_query_op op, xc_query *const *subs, size_t n, unsigned window,
                           xc_query **out)
{
    return guard([&] {
        need(out, "output pointer");
        Xapian::Query::op xop = to_op(op);
        if (n && !subs)
            invalid("subquery array is NULL");
        std::vector<Xapian::Query> qs;
        qs.reserve(n);
        for (size_t i = 0; i < n; i++)
            qs.push_back(need(subs[i], "subquery")->q);
        bool windowed = op == XC_OP_NEAR || op == XC_OP_PHRASE || op == XC_OP_ELITE_SET;
        *out = new xc_query{Xapian::Query(xop, qs.begin(), qs.end(), windowed ? window : 0)};
    });
}

xc_status xc_query_scale(const xc_query *q, double factor, xc_query **out)
{
    return guard([&] {
        need(q, "query");
        need(out, "output pointer");
        if (!(factor >= 0))
            invalid("scale factor must be >= 0");
        *out = new xc_query{Xapian::Query(factor, q->q)};
    });
}

xc_status xc_query_value_range(xc_slot slot, const char *lo, const char *hi, xc_query **out)
{
    return guard([&] {
        need(out, "output pointer");
        Xapian::Query q;
        if (lo && hi)
            q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
        else if (hi)
            q = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
        else if (lo && *lo)
            q = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
        else // both ends open: every document with a value in SLOT (Xapian turns
             // VALUE_GE "" into MatchAll; "\0" is the least non-empty value)
            q = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string(1, '\0'));
        *out = new xc_query{q};
    });
}

xc_status xc_query_match_all(xc_query **out)
{
    return guard([&] {
        need(out, "output pointer"); // first: *need(out) = new ... would leak
        *out = new xc_query{Xapian::Query::MatchAll};
    });
}

int xc_query_empty(const xc_query *q)
{
    return !q || q->q.empty() ? 1 : 0;
}

char *xc_query_describe(const xc_query *q)
{
    return guard_value<char *>(nullptr, [&] {
        return dup_str(need(q, "query")->q.get_description());
    });
}

void xc_query_free(xc_query *q)
{
    delete q;
}

// ------------------------------------------------------------- BM25 bounds
//
// Xapian 1.4 bounds every term's BM25 weight with one wdf maximum for the
// whole database, so where most words are in most documents its max-weight
// pruning skips little. These tables keep, per term and per block of
// 2^shift docids, an upper bound of BM25's wdf / (K + wdf), from which
// BoundedOr skips whole blocks that cannot reach the page (block-max WAND:
// Ding and Suel, "Faster top-k document retrieval using block-max indexes",
// SIGIR 2011). A table is "B1 shift k1 b min_normlen avg_lo\n" and then one
// byte q per block, the bound being q / 255; avg_lo is the lowest average
// length any byte was computed with (a longer average only raises wdf/(K+wdf)
// by at most avg / avg_lo, which the reader allows for).

namespace {

struct BoundParams {
    double k1, b, min_normlen;
    unsigned shift;
    bool operator==(const BoundParams &o) const
    {
        return k1 == o.k1 && b == o.b && min_normlen == o.min_normlen && shift == o.shift;
    }
};

BoundParams bound_params(double k1, double b, double min_normlen, unsigned shift)
{
    if (!(k1 > 0) || !(b >= 0 && b <= 1) || !(min_normlen >= 0) || shift > 24)
        invalid("BM25 bounds need k1 > 0, 0 <= b <= 1, min_normlen >= 0 and shift <= 24");
    return {k1, b, min_normlen, shift};
}

// Xapian 1.4's BM25Weight::get_sumpart without the term weight, operation
// for operation, so that both agree to the last bit.
inline double bm25_part(const BoundParams &p, double len_factor, Xapian::termcount wdf,
                        Xapian::termcount len)
{
    double normlen = std::max(len * len_factor, p.min_normlen);
    double wdf_double = wdf;
    double denom = p.k1 * (normlen * p.b + (1 - p.b)) + wdf_double;
    return wdf_double / denom;
}

// The smallest q with q / 255 >= F (F < 1).
inline unsigned char bound_byte(double f)
{
    double q = std::floor(f * 255.0) + 1;
    return q >= 255 ? 255 : static_cast<unsigned char>(q);
}

struct BoundTable {
    double avg_lo = 0;
    std::string bytes; // one per block

    // Raises DID's block bound to cover F (a wdf / (K + wdf)).
    void raise(Xapian::docid did, unsigned shift, double f)
    {
        unsigned char q = bound_byte(f);
        unsigned char &c = reinterpret_cast<unsigned char &>(bytes[did >> shift]);
        if (q > c)
            c = q;
    }
};

std::string bound_blob(const BoundParams &p, const BoundTable &t)
{
    char head[160];
    snprintf(head, sizeof head, "B1 %u %.17g %.17g %.17g %.17g\n", p.shift, p.k1, p.b,
             p.min_normlen, t.avg_lo);
    return head + t.bytes;
}

// Reads BLOB into T if it was written with P's parameters.
bool parse_bound_blob(const std::string &blob, const BoundParams &p, BoundTable &t)
{
    size_t nl = blob.find('\n');
    if (nl == std::string::npos || blob.compare(0, 3, "B1 ") != 0)
        return false;
    std::string head(blob, 0, nl);
    unsigned shift;
    double k1, b, mn, avg;
    if (sscanf(head.c_str(), "B1 %u %lg %lg %lg %lg", &shift, &k1, &b, &mn, &avg) != 5)
        return false;
    if (!(BoundParams{k1, b, mn, shift} == p) || !(avg > 0))
        return false;
    t.avg_lo = avg;
    t.bytes.assign(blob, nl + 1, std::string::npos);
    return true;
}

// Group tables (xc_database_write_group_bounds) are keyed PREFIX "\t"...
const size_t group_key_max = 200;

bool is_group_key(const std::string &pfx, const std::string &key)
{
    return key.size() > pfx.size() && key[pfx.size()] == '\t';
}

std::string group_key(const std::string &pfx, const std::vector<std::string> &terms)
{
    std::string key = pfx;
    for (const std::string &t : terms)
        key += '\t' + t;
    return key;
}

// The stored table BLOB into T, to be raised for a run's documents: its
// lowest average now AVG at most, and NBLOCKS long. False when it is
// missing or of other parameters (compute it whole then).
bool reopen_table(const std::string &blob, const BoundParams &p, double avg, size_t nblocks, BoundTable &t)
{
    if (!parse_bound_blob(blob, p, t))
        return false;
    t.avg_lo = std::min(t.avg_lo, avg);
    if (t.bytes.size() < nblocks)
        t.bytes.resize(nblocks, '\0');
    return true;
}

bool bound_term(const std::string &term, const std::string &skip_first)
{
    return !term.empty() && skip_first.find(term[0]) == std::string::npos;
}

// T's bounds from the whole posting list of TERM.
void scan_bounds(Xapian::Database &db, const std::string &term, const BoundParams &p,
                 double avg, size_t nblocks, BoundTable &t)
{
    double len_factor = avg ? 1 / avg : 0;
    t.avg_lo = avg;
    t.bytes.assign(nblocks, '\0');
    for (Xapian::PostingIterator it = db.postlist_begin(term), end = db.postlist_end(term);
         it != end; ++it)
        t.raise(*it, p.shift, bm25_part(p, len_factor, it.get_wdf(), it.get_doclength()));
}

} // namespace

xc_status xc_database_write_bounds(xc_database *db, const char *prefix, double k1, double b,
                                   double min_normlen, unsigned shift, const char *skip_first,
                                   const xc_docid *docids, size_t n_docids)
{
    return guard([&] {
        Xapian::WritableDatabase &w = writable(db);
        std::string pfx = need_str(prefix, "prefix"), skip = opt_str(skip_first);
        if (pfx.empty())
            invalid("the bounds need a metadata prefix");
        if (n_docids && !docids)
            invalid("docid array is NULL");
        BoundParams p = bound_params(k1, b, min_normlen, shift);
        double avg = w.get_avlength();
        if (!(avg > 0))
            avg = 1; // an empty database: nothing to bound yet
        size_t nblocks = (w.get_lastdocid() >> shift) + 1;
        if (!docids) {
            std::vector<std::string> stale;
            for (Xapian::TermIterator k = w.metadata_keys_begin(pfx), e = w.metadata_keys_end(pfx);
                 k != e; ++k)
                if (!is_group_key(pfx, *k))
                    stale.push_back(*k);
            std::sort(stale.begin(), stale.end());
            std::vector<std::string> kept;
            for (Xapian::TermIterator t = w.allterms_begin(), e = w.allterms_end(); t != e; ++t) {
                std::string term = *t;
                if (!bound_term(term, skip))
                    continue;
                BoundTable table;
                scan_bounds(w, term, p, avg, nblocks, table);
                w.set_metadata(pfx + term, bound_blob(p, table));
                kept.push_back(pfx + term);
            }
            std::vector<std::string> gone;
            std::set_difference(stale.begin(), stale.end(), kept.begin(), kept.end(),
                                std::back_inserter(gone));
            for (const std::string &k : gone)
                w.set_metadata(k, std::string());
            return;
        }
        double len_factor = 1 / avg;
        std::unordered_map<std::string, BoundTable> tables;
        for (size_t i = 0; i < n_docids; i++) {
            Xapian::termcount len;
            try {
                len = w.get_doclength(docids[i]);
            } catch (const Xapian::DocNotFoundError &) {
                continue; // deleted since: nothing of it to bound
            }
            for (Xapian::TermIterator t = w.termlist_begin(docids[i]), e = w.termlist_end(docids[i]);
                 t != e; ++t) {
                std::string term = *t;
                if (!bound_term(term, skip))
                    continue;
                auto found = tables.find(term);
                if (found == tables.end()) {
                    BoundTable table;
                    if (!reopen_table(w.get_metadata(pfx + term), p, avg, nblocks, table))
                        scan_bounds(w, term, p, avg, nblocks, table); // new, or of other parameters
                    found = tables.emplace(term, std::move(table)).first;
                }
                found->second.raise(docids[i], shift, bm25_part(p, len_factor, t.get_wdf(), len));
            }
        }
        for (const auto &kv : tables)
            w.set_metadata(pfx + kv.first, bound_blob(p, kv.second));
    });
}

namespace {

// T's bounds for the group TERMS from their whole posting lists: a
// document's wdf is the sum of its terms'. WDF and LEN are scratch arrays
// of one entry per docid, zero on entry and on return.
void scan_group_bounds(Xapian::Database &db, const std::vector<std::string> &terms,
                       const BoundParams &p, double avg, size_t nblocks, BoundTable &t,
                       std::vector<Xapian::termcount> &wdf, std::vector<Xapian::termcount> &len)
{
    double len_factor = avg ? 1 / avg : 0;
    t.avg_lo = avg;
    t.bytes.assign(nblocks, '\0');
    std::vector<Xapian::docid> seen;
    for (const std::string &term : terms)
        for (Xapian::PostingIterator it = db.postlist_begin(term), end = db.postlist_end(term);
             it != end; ++it) {
            Xapian::docid did = *it;
            if (did >= wdf.size())
                continue; // not reached: the arrays span the last docid
            if (!wdf[did]) {
                seen.push_back(did);
                len[did] = it.get_doclength();
            }
            wdf[did] += it.get_wdf();
        }
    for (Xapian::docid did : seen) {
        if (wdf[did])
            t.raise(did, p.shift, bm25_part(p, len_factor, wdf[did], len[did]));
        wdf[did] = len[did] = 0;
    }
}

} // namespace

xc_status xc_database_write_group_bounds(xc_database *db, const char *prefix, double k1, double b,
                                         double min_normlen, unsigned shift, const char *const *terms,
                                         const size_t *sizes, size_t n_groups, const xc_docid *docids,
                                         size_t n_docids)
{
    return guard([&] {
        Xapian::WritableDatabase &w = writable(db);
        std::string pfx = need_str(prefix, "prefix");
        if (pfx.empty())
            invalid("the bounds need a metadata prefix");
        if ((n_groups && (!terms || !sizes)) || (n_docids && !docids))
            invalid("group or docid array is NULL");
        BoundParams p = bound_params(k1, b, min_normlen, shift);
        std::vector<std::vector<std::string>> groups(n_groups);
        std::vector<std::string> keys(n_groups);
        std::set<std::string> wanted;
        for (size_t g = 0, at = 0; g < n_groups; at += sizes[g], g++) {
            if (sizes[g] < 2)
                invalid("a group needs two terms or more");
            for (size_t k = 0; k < sizes[g]; k++)
                groups[g].push_back(need_str(terms[at + k], "term"));
            keys[g] = group_key(pfx, groups[g]);
            if (keys[g].size() <= group_key_max)
                wanted.insert(keys[g]);
        }
        std::vector<std::string> gone;
        for (Xapian::TermIterator k = w.metadata_keys_begin(pfx + '\t'),
                                  e = w.metadata_keys_end(pfx + '\t');
             k != e; ++k)
            if (!wanted.count(*k))
                gone.push_back(*k);
        for (const std::string &k : gone)
            w.set_metadata(k, std::string());
        double avg = w.get_avlength();
        if (!(avg > 0))
            avg = 1;
        Xapian::docid last = w.get_lastdocid();
        size_t nblocks = (last >> shift) + 1;
        std::vector<Xapian::termcount> wdf, len;
        std::vector<BoundTable> tables(n_groups);
        std::vector<bool> whole(n_groups, false), dirty(n_groups, false);
        for (size_t g = 0; g < n_groups; g++) {
            if (keys[g].size() > group_key_max)
                continue;
            // Whole when asked, or when new or of other parameters.
            whole[g] = !docids || !reopen_table(w.get_metadata(keys[g]), p, avg, nblocks, tables[g]);
            if (!whole[g])
                continue;
            if (wdf.empty()) {
                wdf.assign(size_t(last) + 1, 0);
                len.assign(size_t(last) + 1, 0);
            }
            scan_group_bounds(w, groups[g], p, avg, nblocks, tables[g], wdf, len);
        }
        if (docids) {
            // Which groups each term is in, for the documents' own terms.
            std::unordered_map<std::string, std::vector<size_t>> of_term;
            for (size_t g = 0; g < n_groups; g++)
                if (keys[g].size() <= group_key_max && !whole[g])
                    for (const std::string &t : groups[g])
                        of_term[t].push_back(g);
            double len_factor = 1 / avg;
            std::unordered_map<size_t, Xapian::termcount> sums;
            for (size_t i = 0; i < n_docids && !of_term.empty(); i++) {
                Xapian::termcount dlen;
                try {
                    dlen = w.get_doclength(docids[i]);
                } catch (const Xapian::DocNotFoundError &) {
                    continue;
                }
                sums.clear();
                for (Xapian::TermIterator t = w.termlist_begin(docids[i]), e = w.termlist_end(docids[i]);
                     t != e; ++t) {
                    auto found = of_term.find(*t);
                    if (found != of_term.end())
                        for (size_t g : found->second)
                            sums[g] += t.get_wdf();
                }
                for (const auto &gs : sums) {
                    dirty[gs.first] = true;
                    tables[gs.first].raise(docids[i], shift, bm25_part(p, len_factor, gs.second, dlen));
                }
            }
        }
        for (size_t g = 0; g < n_groups; g++)
            if (keys[g].size() <= group_key_max && (whole[g] || dirty[g]))
                w.set_metadata(keys[g], bound_blob(p, tables[g]));
    });
}

namespace {

// Xapian 1.4's estimate of how many documents an OR of lists of TF[0..N)
// documents each matches (in a database of DOCS): its OrContext pairs the
// two least frequent first, as for a Huffman code, and each OrPostList
// rounds its estimate. An OP_SYNONYM weighs with this as its frequency.
Xapian::doccount or_estimate(std::vector<Xapian::doccount> tf, Xapian::doccount docs)
{
    if (tf.empty() || docs == 0)
        return 0;
    std::greater<Xapian::doccount> more;
    std::make_heap(tf.begin(), tf.end(), more);
    while (tf.size() > 1) {
        std::pop_heap(tf.begin(), tf.end(), more);
        double r = tf.back();
        tf.pop_back();
        std::pop_heap(tf.begin(), tf.end(), more);
        double l = tf.back();
        double n = docs;
        tf.back() = static_cast<Xapian::doccount>(l + r - (l * r / n) + 0.5);
        std::push_heap(tf.begin(), tf.end(), more);
    }
    return tf[0];
}

// Xapian 1.4's estimate of how many documents an AND of lists of TF[0..N)
// documents each matches: MultiAndPostList's product, least frequent first.
Xapian::doccount and_estimate(std::vector<Xapian::doccount> tf, Xapian::doccount docs)
{
    if (tf.empty() || docs == 0)
        return 0;
    std::sort(tf.begin(), tf.end());
    double r = tf[0];
    for (size_t i = 1; i < tf.size(); i++)
        r = (r * tf[i]) / docs;
    return static_cast<Xapian::doccount>(r + 0.5);
}

// An OR of parts weighed as BM25Weight(k1, 0, 1, b, min_normlen) weighs
// each (times its scale): a part is a term, an OP_SYNONYM group of terms
// (its wdf their sum, its frequency Xapian's estimate), or the AND of terms
// filtered by a boolean term (a phrase by its phrase term: the sum of its
// words' weights, where the filter term is). It skips documents which
// cannot weigh the matcher's minimum: WAND's pivot over the parts' maximum
// weights, then their block bounds (a group's: its terms' sum, as
// wdf / (K + wdf) is subadditive; an AND's: its words'). Local databases
// only (no serialising).
class BoundedOr : public Xapian::PostingSource {
  public:
    struct Spec {
        std::vector<std::string> terms;
        double scale;
        std::string filter; // none: an OR of the terms, else their AND
    };

  private:
    struct Sub {
        Xapian::PostingIterator it, end;
        Xapian::docid did;
        double per_byte;   // a block's bound per unit of its byte (scale included)
        std::string bytes; // block bounds; empty: none known
    };
    // A word of an AND part: read where the filter term is.
    struct Word {
        Xapian::PostingIterator it, end;
        Xapian::docid did;
        double termweight, per_byte; // as Sub's and Cursor's
        std::string bytes;
        Xapian::termcount wdf; // at the document being weighed
    };
    struct Cursor {
        std::vector<Sub> subs; // those not at their end (an AND: the filter)
        Xapian::docid did;     // the least of theirs
        double termweight;     // as BM25Weight's, scale included
        double max;            // of its weight in any document
        size_t index;          // in store: the order weights are added in
        std::vector<Word> words; // an AND's, least frequent first
        double group_per_byte;   // a group's own table, if written: tighter
        std::string group_bytes; // than its terms' sum
    };
    std::vector<Spec> specs;
    std::string prefix;
    BoundParams params;
    std::vector<Cursor> store;   // one per part found in the database
    std::vector<Cursor *> live;  // those not at their end, by did
    std::vector<double> parts;   // the current document's weight, per cursor
    std::vector<Xapian::termcount> wdfs; // its wdf per live cursor at it, read once
    double len_factor = 0;
    double k_min = 0; // BM25's K at the shortest document length
    Xapian::docid current = 0, last_docid = 0;
    double weight = 0;
    bool started = false, done = false;
    Xapian::doccount tf_min = 0, tf_est = 0, tf_max = 0;

    double block_bound(const Cursor &c, Xapian::docid did) const
    {
        size_t blk = did >> params.shift;
        double bound = 0;
        if (!c.group_bytes.empty())
            return blk < c.group_bytes.size()
                       ? std::min(static_cast<unsigned char>(c.group_bytes[blk]) * c.group_per_byte, c.termweight)
                       : c.termweight;
        if (!c.words.empty()) {
            for (const Word &w : c.words)
                bound += blk < w.bytes.size()
                             ? std::min(static_cast<unsigned char>(w.bytes[blk]) * w.per_byte, w.termweight)
                             : w.termweight;
            return bound;
        }
        for (const Sub &s : c.subs) {
            if (blk >= s.bytes.size())
                return c.termweight; // no bound known: wdf / (K + wdf) < 1
            bound += static_cast<unsigned char>(s.bytes[blk]) * s.per_byte;
        }
        return std::min(bound, c.termweight);
    }

    // C's wdf at its document; for an AND, 1 once its words' wdfs are read
    // into them, or 0 when one is missing there (the part does not match).
    static Xapian::termcount wdf(Cursor &c)
    {
        Xapian::termcount w = 0;
        if (!c.words.empty()) {
            for (Word &x : c.words) {
                if (x.did < c.did) {
                    x.it.skip_to(c.did);
                    x.did = x.it == x.end ? Xapian::docid(-1) : *x.it;
                }
                if (x.did != c.did)
                    return 0;
                x.wdf = x.it.get_wdf();
            }
            return 1;
        }
        for (const Sub &s : c.subs)
            if (s.did == c.did)
                w += s.it.get_wdf();
        return w;
    }

    // C's weight at its document (of LEN) where its wdf is WDF (see wdf()).
    double weigh(const Cursor &c, Xapian::termcount wdf, Xapian::termcount len) const
    {
        if (c.words.empty())
            return c.termweight * bm25_part(params, len_factor, wdf, len);
        double w = 0;
        if (wdf)
            for (const Word &x : c.words)
                w += x.termweight * bm25_part(params, len_factor, x.wdf, len);
        return w;
    }

    // C's weight bound at its document whatever its length.
    double short_bound(const Cursor &c, Xapian::termcount wdf) const
    {
        double w = wdf;
        if (c.words.empty())
            return c.termweight * (w / (k_min + w));
        double bound = 0;
        if (wdf)
            for (const Word &x : c.words) {
                double f = x.wdf;
                bound += x.termweight * (f / (k_min + f));
            }
        return bound;
    }

    const Xapian::PostingIterator &at_did(const Cursor &c) const
    {
        for (const Sub &s : c.subs)
            if (s.did == c.did)
                return s.it;
        return c.subs[0].it; // not reached: some sub is at did
    }

    void sort_live()
    {
        for (size_t i = 1; i < live.size(); i++)
            for (size_t j = i; j > 0 && live[j]->did < live[j - 1]->did; j--)
                std::swap(live[j], live[j - 1]);
    }

    // Moves live cursor I to its first document >= TO (> its current one),
    // and then to its place in LIVE, which is kept in docid order: callers
    // moving several go from the last to the first, so the cursors after
    // the one moved are always in order. (Sorting LIVE whole each step was
    // 8% of a search's instructions.)
    void advance(size_t i, Xapian::docid to)
    {
        Cursor &c = *live[i];
        Xapian::docid least = 0;
        for (size_t k = c.subs.size(); k-- > 0;) {
            Sub &s = c.subs[k];
            if (s.did < to) {
                if (to == s.did + 1)
                    ++s.it;
                else
                    s.it.skip_to(to);
                if (s.it == s.end) {
                    c.subs.erase(c.subs.begin() + static_cast<std::ptrdiff_t>(k));
                    continue;
                }
                s.did = *s.it;
            }
            if (!least || s.did < least)
                least = s.did;
        }
        if (c.subs.empty()) {
            live.erase(live.begin() + static_cast<std::ptrdiff_t>(i));
            return;
        }
        c.did = least;
        for (size_t j = i; j + 1 < live.size() && live[j + 1]->did < least; j++)
            std::swap(live[j], live[j + 1]);
    }

    // The first block start after DID from which documents may weigh MIN_WT
    // by the bounds of the cursors that may have them (those before its
    // end), or 0 when DID's own block may. Skipping those blocks at once
    // lets Glass jump whole chunks of a posting list, where moving block by
    // block decodes every entry on the way.
    Xapian::docid skip_blocks(Xapian::docid did, double min_wt) const
    {
        size_t last = size_t(last_docid >> params.shift) + 1;
        for (size_t b = did >> params.shift; b <= last; b++) {
            size_t block_end = (b + 1) << params.shift;
            Xapian::docid start = Xapian::docid(b << params.shift);
            double bound = 0;
            for (const Cursor *c : live) {
                if (c->did >= block_end || bound >= min_wt)
                    break;
                bound += block_bound(*c, std::max(start, c->did));
            }
            if (bound >= min_wt)
                return b == size_t(did >> params.shift) ? 0 : start;
        }
        return Xapian::docid((last + 1) << params.shift); // past every document
    }

    // Finds the first document from the cursors' positions on that may weigh
    // MIN_WT or more.
    void find(double min_wt)
    {
        for (;;) {
            double reach = 0;
            size_t pivot = 0;
            for (; pivot < live.size(); pivot++) {
                reach += live[pivot]->max;
                if (reach >= min_wt)
                    break;
            }
            if (pivot == live.size()) {
                live.clear();
                done = true;
                return;
            }
            Xapian::docid did = live[pivot]->did;
            if (live[0]->did != did) {
                // Nothing before the pivot can reach MIN_WT alone: move the
                // heaviest of those cursors up to it.
                size_t best = 0;
                for (size_t i = 1; i < pivot && live[i]->did < did; i++)
                    if (live[i]->max > live[best]->max)
                        best = i;
                advance(best, did);
                continue;
            }
            size_t end = pivot + 1;
            while (end < live.size() && live[end]->did == did)
                end++;
            if (min_wt > 0) {
                double bound = 0;
                for (size_t i = 0; i < end; i++)
                    bound += block_bound(*live[i], did);
                if (bound < min_wt) {
                    Xapian::docid next = skip_blocks(did, min_wt);
                    if (next) {
                        size_t n = 0;
                        while (n < live.size() && live[n]->did < next)
                            n++;
                        for (size_t i = n; i-- > 0;)
                            advance(i, next);
                        continue;
                    }
                    // Not this document, but maybe another of its block:
                    // the next block or the next document of another part,
                    // whichever comes first.
                    next = ((did >> params.shift) + 1) << params.shift;
                    if (end < live.size() && live[end]->did < next)
                        next = live[end]->did;
                    for (size_t i = end; i-- > 0;)
                        advance(i, next);
                    continue;
                }
            }
            bool any = false;
            for (size_t i = 0; i < end; i++)
                any |= (wdfs[i] = wdf(*live[i])) != 0;
            if (!any || min_wt > 0) {
                // Its wdfs, at the shortest length there is, before reading
                // its length from another posting list.
                double bound = 0;
                for (size_t i = 0; i < end; i++)
                    bound += short_bound(*live[i], wdfs[i]);
                if (!any || bound < min_wt) {
                    for (size_t i = end; i-- > 0;)
                        advance(i, did + 1);
                    continue;
                }
            }
            // Added in one order for every document, so that documents
            // equal in what they hold weigh exactly the same.
            Xapian::termcount len = at_did(*live[0]).get_doclength();
            for (size_t i = 0; i < end; i++)
                parts[live[i]->index] = weigh(*live[i], wdfs[i], len);
            double w = 0;
            for (double &part : parts) {
                w += part;
                part = 0;
            }
            current = did;
            weight = w;
            return;
        }
    }

  public:
    BoundedOr(std::vector<Spec> s, std::string pfx, BoundParams p)
        : specs(std::move(s)), prefix(std::move(pfx)), params(p)
    {
    }

    Xapian::doccount get_termfreq_min() const override { return tf_min; }
    Xapian::doccount get_termfreq_est() const override { return tf_est; }
    Xapian::doccount get_termfreq_max() const override { return tf_max; }

    // BM25Weight::init's term weight for a term in TF of N documents, in
    // its order of operations (wqf 1, so k3 drops out).
    double term_weight(Xapian::doccount tf, Xapian::doccount n, double scale) const
    {
        double idf = (n - tf + 0.5) / (tf + 0.5);
        if (idf < 2)
            idf = idf * 0.5 + 1;
        double w = std::log(idf) * scale;
        return w * (params.k1 + 1);
    }

    // TERM's bound table, if one was written with these parameters: its
    // bytes into BYTES and the bound per unit of a byte (before the term
    // weight) into PER_BYTE; its greatest bound is returned (-1: none).
    double read_table(const Xapian::Database &db, const std::string &term, double avg,
                      double &per_byte, std::string &bytes) const
    {
        BoundTable t;
        if (!parse_bound_blob(db.get_metadata(prefix + term), params, t))
            return -1;
        per_byte = (avg > t.avg_lo ? avg / t.avg_lo : 1) / 255.0;
        unsigned char top = 0;
        for (unsigned char q : t.bytes)
            top = std::max(top, q);
        bytes = std::move(t.bytes);
        return top * per_byte;
    }

    // How many documents a part matches, as Xapian bounds and estimates it.
    struct TfRange {
        Xapian::doccount min, est, max;
    };

    // A term or OP_SYNONYM part into C; returns its frequency.
    TfRange add_terms(const Xapian::Database &db, const Spec &spec, Cursor &c)
    {
        Xapian::doccount n = db.get_doccount();
        double avg = db.get_avlength(), bound = 0;
        bool bounded = true;
        std::vector<Xapian::doccount> tfs;
        for (const std::string &term : spec.terms) {
            Xapian::doccount tf = db.get_termfreq(term);
            tfs.push_back(tf);
            if (!tf)
                continue;
            Sub s{db.postlist_begin(term), db.postlist_end(term), 0, 0, std::string()};
            s.did = *s.it;
            double top = read_table(db, term, avg, s.per_byte, s.bytes);
            if (top < 0)
                bounded = false;
            else
                bound += top;
            c.subs.push_back(std::move(s));
        }
        TfRange tf{0, spec.terms.size() == 1 ? tfs[0] : or_estimate(tfs, n), 0};
        for (Xapian::doccount t : tfs) {
            tf.min = std::max(tf.min, t);
            tf.max = std::min<Xapian::doccount>(n, tf.max + t);
        }
        if (c.subs.empty())
            return tf;
        c.termweight = term_weight(tf.est, n, spec.scale);
        for (Sub &s : c.subs)
            s.per_byte *= c.termweight;
        c.max = bounded ? std::min(bound, 1.0) * c.termweight : c.termweight;
        // A group's own table, tighter than its terms' sum (read_table adds the prefix).
        std::string key = spec.terms.size() > 1 ? group_key(std::string(), spec.terms) : std::string();
        if (!key.empty() && prefix.size() + key.size() <= group_key_max) {
            double top = read_table(db, key, avg, c.group_per_byte, c.group_bytes);
            if (top >= 0) {
                c.group_per_byte *= c.termweight;
                c.max = std::min(c.max, std::min(top, 1.0) * c.termweight);
            }
        }
        return tf;
    }

    // An AND part filtered by a term into C (its subs the filter's list,
    // its words the terms'); returns its frequency.
    TfRange add_and(const Xapian::Database &db, const Spec &spec, Cursor &c)
    {
        Xapian::doccount n = db.get_doccount();
        double avg = db.get_avlength();
        std::vector<Xapian::doccount> tfs{db.get_termfreq(spec.filter)};
        bool none = tfs[0] == 0;
        std::vector<std::pair<Xapian::doccount, const std::string *>> words;
        for (const std::string &term : spec.terms) {
            tfs.push_back(db.get_termfreq(term));
            none |= tfs.back() == 0;
            words.emplace_back(tfs.back(), &term);
        }
        if (none)
            return {0, 0, 0};
        // MultiAndPostList adds its lists' weights least frequent first.
        std::stable_sort(words.begin(), words.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &tw : words) {
            Word x{db.postlist_begin(*tw.second), db.postlist_end(*tw.second), 0, 0, 0, std::string(), 0};
            x.termweight = term_weight(tw.first, n, spec.scale);
            double top = read_table(db, *tw.second, avg, x.per_byte, x.bytes);
            x.per_byte *= x.termweight;
            c.max += top < 0 ? x.termweight : std::min(top, 1.0) * x.termweight;
            c.termweight += x.termweight;
            c.words.push_back(std::move(x));
        }
        Sub s{db.postlist_begin(spec.filter), db.postlist_end(spec.filter), 0, 0, std::string()};
        s.did = *s.it;
        c.subs.push_back(std::move(s));
        // MultiAndPostList: its lists as disjoint as they can be, and the
        // least of them.
        double least = 0;
        for (Xapian::doccount t : tfs)
            least += t;
        least -= double(n) * double(tfs.size() - 1);
        return {least > 0 ? Xapian::doccount(least) : 0, and_estimate(tfs, n),
                *std::min_element(tfs.begin(), tfs.end())};
    }

    void init(const Xapian::Database &db) override
    {
        store.clear();
        live.clear();
        store.reserve(specs.size()); // live points into it
        started = done = false;
        current = 0;
        Xapian::doccount n = db.get_doccount();
        double avg = db.get_avlength();
        len_factor = avg ? 1 / avg : 0;
        last_docid = db.get_lastdocid();
        k_min = params.k1 *
                (std::max(db.get_doclength_lower_bound() * len_factor, params.min_normlen) * params.b +
                 (1 - params.b));
        double total = 0;
        std::vector<Xapian::doccount> part_tfs;
        tf_min = tf_max = 0;
        for (const Spec &spec : specs) {
            Cursor c{{}, 0, 0, 0, store.size(), {}, 0, std::string()};
            TfRange tf = spec.filter.empty() ? add_terms(db, spec, c) : add_and(db, spec, c);
            // As OrPostList bounds and estimates an OR of them all.
            part_tfs.push_back(tf.est);
            tf_min = std::max(tf_min, tf.min);
            tf_max = std::min<Xapian::doccount>(n, tf_max + tf.max);
            if (c.subs.empty())
                continue;
            c.did = c.subs[0].did;
            for (const Sub &s : c.subs)
                c.did = std::min(c.did, s.did);
            total += c.max;
            store.push_back(std::move(c));
            live.push_back(&store.back());
        }
        tf_est = or_estimate(part_tfs, n);
        tf_est = std::min(std::max(tf_est, tf_min), tf_max);
        set_maxweight(total);
        parts.assign(store.size(), 0.0);
        wdfs.assign(store.size(), 0);
        sort_live();
    }

    void next(double min_wt) override
    {
        if (started) {
            for (size_t i = live.size(); i-- > 0;)
                if (live[i]->did == current)
                    advance(i, current + 1);
        }
        started = true;
        find(min_wt);
    }

    void skip_to(Xapian::docid did, double min_wt) override
    {
        if (started && did <= current)
            return;
        started = true;
        for (size_t i = live.size(); i-- > 0;)
            if (live[i]->did < did)
                advance(i, did);
        find(min_wt);
    }

    bool at_end() const override { return done; }
    Xapian::docid get_docid() const override { return current; }
    double get_weight() const override { return weight; }
    BoundedOr *clone() const override { return new BoundedOr(specs, prefix, params); }
};

} // namespace

xc_status xc_query_bounded_or(const xc_bounded_part *parts, size_t n, const char *prefix, double k1,
                              double b, double min_normlen, unsigned shift, xc_query **out)
{
    return guard([&] {
        need(out, "output pointer");
        if (n && !parts)
            invalid("part array is NULL");
        BoundParams p = bound_params(k1, b, min_normlen, shift);
        std::vector<BoundedOr::Spec> specs;
        for (size_t i = 0; i < n; i++) {
            if (!(parts[i].scale > 0))
                invalid("part scales must be > 0");
            if (!parts[i].n_terms || !parts[i].terms)
                invalid("a part needs terms");
            BoundedOr::Spec spec{{}, parts[i].scale, opt_str(parts[i].filter)};
            for (size_t k = 0; k < parts[i].n_terms; k++)
                spec.terms.push_back(need_str(parts[i].terms[k], "term"));
            if (parts[i].filter && spec.filter.empty())
                invalid("a part's filter term is empty");
            specs.push_back(std::move(spec));
        }
        auto src = std::make_unique<BoundedOr>(std::move(specs), need_str(prefix, "prefix"), p);
        *out = new xc_query{Xapian::Query(src.release()->release())};
    });
}

// ------------------------------------------------------------- query parser

xc_status xc_queryparser_new(const char *language, xc_queryparser **out)
{
    return guard([&] {
        need(out, "output pointer");
        auto qp = std::make_unique<xc_queryparser>();
        qp->qp.set_stemmer(stemmer(language));
        *out = qp.release();
    });
}

void xc_queryparser_free(xc_queryparser *qp)
{
    delete qp; // qp->qp goes before qp->stopper
}

xc_status xc_queryparser_set_stemming_strategy(xc_queryparser *qp, xc_stem_strategy strategy)
{
    return guard([&] {
        need(qp, "query parser")
            ->qp.set_stemming_strategy(to_stem_strategy<Xapian::QueryParser>(strategy));
    });
}

xc_status xc_queryparser_set_stopwords(xc_queryparser *qp, const char *const *words, size_t n)
{
    return guard([&] {
        need(qp, "query parser");
        auto stopper = make_stopper(words, n);
        qp->qp.set_stopper(stopper.get());
        qp->stopper = std::move(stopper);
    });
}

xc_status xc_queryparser_set_default_op(xc_queryparser *qp, xc_query_op op)
{
    return guard([&] {
        need(qp, "query parser");
        switch (op) {
        case XC_OP_OR:
        case XC_OP_AND:
        case XC_OP_NEAR:
        case XC_OP_PHRASE:
        case XC_OP_ELITE_SET:
        case XC_OP_MAX:
            qp->qp.set_default_op(to_op(op));
            return;
        default:
            invalid("operator " + std::to_string(int(op)) + " cannot be the default operator");
        }
    });
}

xc_status xc_queryparser_set_database(xc_queryparser *qp, xc_database *db)
{
    return guard([&] { need(qp, "query parser")->qp.set_database(need(db, "database")->db); });
}

xc_status xc_queryparser_add_prefix(xc_queryparser *qp, const char *field, const char *prefix)
{
    return guard([&] {
        need(qp, "query parser")->qp.add_prefix(need_str(field, "field"), opt_str(prefix));
    });
}

xc_status xc_queryparser_add_boolean_prefix(xc_queryparser *qp, const char *field,
                                            const char *prefix, int exclusive)
{
    return guard([&] {
        need(qp, "query parser")
            ->qp.add_boolean_prefix(need_str(field, "field"), opt_str(prefix), exclusive != 0);
    });
}

xc_status xc_queryparser_parse(xc_queryparser *qp, const char *text, unsigned flags,
                               const char *default_prefix, xc_query **out)
{
    return guard([&] {
        need(qp, "query parser");
        std::string t = need_str(text, "query text");
        need(out, "output pointer");
        if (flags & ~QP_ALL_FLAGS)
            invalid("unknown query parser flags " + std::to_string(flags));
        auto q = std::make_unique<xc_query>();
        q->q = qp->qp.parse_query(t, flags, opt_str(default_prefix));
        *out = q.release();
    });
}

xc_status xc_queryparser_corrected(xc_queryparser *qp, char **out)
{
    return guard([&] { give(need(qp, "query parser")->qp.get_corrected_query_string(), out, nullptr); });
}

// ------------------------------------------------------------- match spies

xc_status xc_valuecount_new(xc_slot slot, xc_valuecount **out)
{
    return guard([&] {
        need(out, "output pointer");
        *out = new xc_valuecount(slot);
    });
}

void xc_valuecount_free(xc_valuecount *spy)
{
    delete spy;
}

xc_status xc_valuecount_total(xc_valuecount *spy, unsigned *out)
{
    return guard([&] {
        unsigned n = unsigned(need(spy, "match spy")->spy.get_total());
        *need(out, "output pointer") = n;
    });
}

xc_status xc_valuecount_top(xc_valuecount *spy, unsigned max, xc_term_fn fn, void *user)
{
    return guard([&] {
        need(spy, "match spy");
        need(fn, "callback");
        size_t n = max;
        if (n == 0) // top_values_begin(0) gives nothing: count them all
            for (auto it = spy->spy.values_begin(); it != spy->spy.values_end(); ++it)
                n++;
        each_term(spy->spy.top_values_begin(n), fn, user, true);
    });
}

// ---------------------------------------------------------------- enquire

xc_status xc_enquire_new(xc_database *db, xc_enquire **out)
{
    return guard([&] {
        need(db, "database");
        need(out, "output pointer");
        *out = new xc_enquire(db->db);
    });
}

void xc_enquire_free(xc_enquire *enq)
{
    delete enq;
}

xc_status xc_enquire_set_query(xc_enquire *enq, const xc_query *q, unsigned qlen)
{
    return guard([&] { need(enq, "enquire")->enq.set_query(need(q, "query")->q, qlen); });
}

xc_status xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2, double k3, double b,
                              double min_normlen)
{
    return guard([&] {
        need(enq, "enquire")->enq.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
    });
}

xc_status xc_enquire_set_collapse_key(xc_enquire *enq, xc_slot slot, unsigned max_per_key)
{
    return guard([&] {
        need(enq, "enquire");
        if (slot == xc_slot(-1)) {
            enq->enq.set_collapse_key(Xapian::BAD_VALUENO);
            return;
        }
        if (max_per_key < 1)
            invalid("max_per_key must be >= 1");
        enq->enq.set_collapse_key(slot, max_per_key);
    });
}

xc_status xc_enquire_set_cutoff(xc_enquire *enq, int percent, double min_weight)
{
    return guard([&] {
        need(enq, "enquire");
        if (percent < 0 || percent > 100)
            invalid("percent cutoff must be in 0..100");
        if (!(min_weight >= 0))
            invalid("weight cutoff must be >= 0");
        enq->enq.set_cutoff(percent, min_weight);
    });
}

xc_status xc_enquire_set_sort_by_value(xc_enquire *enq, xc_slot slot, int reverse)
{
    return guard([&] {
        need(enq, "enquire")->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
    });
}

xc_status xc_enquire_add_matchspy(xc_enquire *enq, xc_valuecount *spy)
{
    return guard([&] { need(enq, "enquire")->enq.add_matchspy(&need(spy, "match spy")->spy); });
}

xc_status xc_enquire_clear_matchspies(xc_enquire *enq)
{
    return guard([&] { need(enq, "enquire")->enq.clear_matchspies(); });
}

xc_status xc_enquire_mset(xc_enquire *enq, unsigned first, unsigned maxitems,
                          unsigned checkatleast, xc_mset **out)
{
    return guard([&] {
        need(enq, "enquire");
        need(out, "output pointer");
        auto m = std::make_unique<xc_mset>();
        m->m = enq->enq.get_mset(first, maxitems, checkatleast);
        *out = m.release();
    });
}

xc_status xc_enquire_eset(xc_enquire *enq, const xc_docid *docids, size_t n, unsigned maxitems,
                          xc_eset **out)
{
    return guard([&] {
        need(enq, "enquire");
        need(out, "output pointer");
        if (n && !docids)
            invalid("docid array is NULL");
        Xapian::RSet rset;
        for (size_t i = 0; i < n; i++)
            rset.add_document(docids[i]);
        Xapian::ESet es = enq->enq.get_eset(maxitems, rset);
        auto e = std::make_unique<xc_eset>();
        e->terms.reserve(es.size());
        e->weights.reserve(es.size());
        for (auto it = es.begin(); it != es.end(); ++it) {
            e->terms.push_back(*it);
            e->weights.push_back(it.get_weight());
        }
        *out = e.release();
    });
}

// ---------------------------------------------------------------- results

void xc_mset_free(xc_mset *mset)
{
    delete mset;
}

unsigned xc_mset_size(const xc_mset *mset)
{
    return guard_value<unsigned>(0, [&] { return mset ? mset->m.size() : 0; });
}

unsigned xc_mset_matches_estimated(const xc_mset *mset)
{
    return guard_value<unsigned>(0, [&] { return mset ? mset->m.get_matches_estimated() : 0; });
}

unsigned xc_mset_matches_lower_bound(const xc_mset *mset)
{
    return guard_value<unsigned>(0, [&] { return mset ? mset->m.get_matches_lower_bound() : 0; });
}

unsigned xc_mset_matches_upper_bound(const xc_mset *mset)
{
    return guard_value<unsigned>(0, [&] { return mset ? mset->m.get_matches_upper_bound() : 0; });
}

xc_status xc_mset_docid(const xc_mset *mset, unsigned i, xc_docid *out)
{
    return guard([&] {
        xc_docid id = *item(mset, i);
        *need(out, "output pointer") = id;
    });
}

xc_status xc_mset_weight(const xc_mset *mset, unsigned i, double *out)
{
    return guard([&] {
        double w = item(mset, i).get_weight();
        *need(out, "output pointer") = w;
    });
}

xc_status xc_mset_percent(const xc_mset *mset, unsigned i, int *out)
{
    return guard([&] {
        int p = item(mset, i).get_percent();
        *need(out, "output pointer") = p;
    });
}

xc_status xc_mset_convert_percent(const xc_mset *mset, double weight, int *out)
{
    return guard([&] {
        int p = need(mset, "result set")->m.convert_to_percent(weight);
        *need(out, "output pointer") = p;
    });
}

double xc_mset_max_possible(const xc_mset *mset)
{
    return guard_value<double>(0, [&] { return mset ? mset->m.get_max_possible() : 0; });
}

double xc_mset_max_attained(const xc_mset *mset)
{
    return guard_value<double>(0, [&] { return mset ? mset->m.get_max_attained() : 0; });
}

xc_status xc_mset_data(const xc_mset *mset, unsigned i, char **data, size_t *len)
{
    return guard([&] {
        need(data, "output pointer");
        give(item(mset, i).get_document().get_data(), data, len);
    });
}

xc_status xc_mset_value(const xc_mset *mset, unsigned i, xc_slot slot, char **value, size_t *len)
{
    return guard([&] {
        need(value, "output pointer");
        give(item(mset, i).get_document().get_value(slot), value, len);
    });
}

xc_status xc_mset_collapse_count(const xc_mset *mset, unsigned i, unsigned *out)
{
    return guard([&] {
        unsigned n = item(mset, i).get_collapse_count();
        *need(out, "output pointer") = n;
    });
}

xc_status xc_mset_snippet(const xc_mset *mset, const char *text, size_t length,
                          const char *language, unsigned flags, const char *hi_start,
                          const char *hi_end, const char *omit, char **out)
{
    return guard([&] {
        need(mset, "mset");
        need(out, "output pointer");
        const unsigned known =
            XC_SNIPPET_BACKGROUND_MODEL | XC_SNIPPET_EXHAUSTIVE | XC_SNIPPET_EMPTY_WITHOUT_MATCH;
        if (flags & ~known)
            invalid("unknown snippet flags " + std::to_string(flags));
        std::string s = mset->m.snippet(need_str(text, "text"), length, thread_stemmer(language), flags,
                                        opt_str(hi_start), opt_str(hi_end), opt_str(omit));
        give(s, out, nullptr);
    });
}

void xc_eset_free(xc_eset *eset)
{
    delete eset;
}

unsigned xc_eset_size(const xc_eset *eset)
{
    return eset ? unsigned(eset->terms.size()) : 0;
}

xc_status xc_eset_term(const xc_eset *eset, unsigned i, const char **term, double *weight)
{
    return guard([&] {
        need(eset, "eset");
        if (i >= eset->terms.size())
            invalid("eset index " + std::to_string(i) + " is out of range (size " +
                    std::to_string(eset->terms.size()) + ")");
        if (term)
            *term = eset->terms[i].c_str();
        if (weight)
            *weight = eset->weights[i];
    });
}

// ------------------------------------------------------------ added later

xc_status xc_stem_word(const char *language, const char *word, char **out)
{
    return guard([&] {
        std::string w = need_str(word, "word");
        give(stemmer(language)(w), out, nullptr);
    });
}

xc_status xc_stemmer_new(const char *language, xc_stemmer **out)
{
    return guard([&] {
        need(out, "output pointer");
        std::unique_ptr<xc_stemmer> st(new xc_stemmer{stemmer(language)});
        *out = st.release();
    });
}

void xc_stemmer_free(xc_stemmer *st)
{
    delete st;
}

xc_status xc_stemmer_stem(xc_stemmer *st, const char *word, size_t len, char **out)
{
    return guard([&] {
        need(st, "stemmer");
        give(st->stem(bytes(word, len, "word")), out, nullptr);
    });
}

xc_status xc_text_words(const char *text, size_t len, xc_term_fn fn, void *user)
{
    return guard([&] {
        need(fn, "callback");
        std::string t = len == (size_t)-1 ? need_str(text, "text") : bytes(text, len, "text");
        Xapian::TermGenerator tg; // no stemmer: the words themselves
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(t);
        std::vector<std::pair<Xapian::termpos, std::string>> words;
        for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
            for (auto p = it.positionlist_begin(); p != it.positionlist_end(); ++p)
                words.emplace_back(*p, *it);
        std::sort(words.begin(), words.end());
        for (const auto &w : words)
            if (fn(user, w.second.c_str(), w.second.size(), w.first))
                break;
    });
}

} // extern "C"
