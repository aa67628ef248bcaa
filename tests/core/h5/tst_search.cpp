#include "core/h5/error.h"
#include "core/h5/file.h"
#include "core/h5/search.h"

#include <hdf5.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cstdio>

// Hard links to an existing object and groups without creation order (h5py's default) are made with the
// HDF5 C API: core/h5 writes neither.
class tst_Search : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void patternsMatchNamesOrPaths();
    void substringMatchesNamesIgnoringCase();
    void wildcardMatchesWholeNames();
    void patternWithSlashMatchesPaths();
    void softAndExternalLinksAreNotFollowed();
    void hardLinkCycleIsVisitedOnce();
    void stopsWhenAskedOrWhenTheCallerHasEnough();
    void hitsComeInListingOrder();
    void searchesBelowAGroup();
    void searchesTwentyThousandObjects();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
    std::optional<h5::File> m_file;
};

namespace {

std::vector<h5::SearchHit> search(const h5::Group &root, std::string_view pattern, std::uint64_t *visited = nullptr)
{
    std::vector<h5::SearchHit> hits;
    const std::atomic<bool> stop = false;
    const auto count = h5::searchLinks(root, pattern, [&](const h5::SearchHit &hit) {
        hits.push_back(hit);
        return true;
    }, stop);
    if (visited)
        *visited = count;
    return hits;
}

std::vector<std::string> paths(const std::vector<h5::SearchHit> &hits)
{
    std::vector<std::string> result;
    for (const auto &hit : hits)
        result.push_back(hit.path);
    return result;
}

} // namespace

// /entry/data/{x, Y_Values, up → /entry (hard)}, /entry/instrument/detector/data, /entry/title,
// /links/soft → /entry/data, /links/external → other.h5:/hidden (holding /hidden/data/secret).
void tst_Search::initTestCase()
{
    QVERIFY(m_dir.isValid());
    {
        const auto other = h5::File::create(path("other.h5"));
        other.root().createDataset<std::int32_t>("hidden/data/secret", {1});
    }
    m_file = h5::File::create(path("sample.h5"));
    const auto root = m_file->root();
    root.createDataset<std::int32_t>("entry/data/x", {3});
    root.createDataset<float>("entry/data/Y_Values", {3});
    root.createDataset<std::int32_t>("entry/instrument/detector/data", {2, 2});
    root.createDataset<std::string>("entry/title", {});
    root.createSoftLink("links/soft", "/entry/data");
    root.createExternalLink("links/external", path("other.h5").string(), "/hidden");
    QVERIFY(H5Lcreate_hard(root.id(), "/entry", root.id(), "/entry/data/up", H5P_DEFAULT, H5P_DEFAULT) >= 0);
}

void tst_Search::patternsMatchNamesOrPaths()
{
    QVERIFY(h5::matchesPattern("dat", "/entry/data", "data"));
    QVERIFY(h5::matchesPattern("DaT", "/entry/data", "data"));
    QVERIFY(!h5::matchesPattern("entry", "/entry/data", "data"));  // names only, without a '/'
    QVERIFY(h5::matchesPattern("try/da", "/entry/data", "data"));  // the path, with one
    QVERIFY(h5::matchesPattern("", "/entry", "entry"));

    QVERIFY(h5::matchesPattern("d*a", "/entry/data", "data"));
    QVERIFY(!h5::matchesPattern("d*t", "/entry/data", "data"));    // anchored at the end
    QVERIFY(!h5::matchesPattern("*at", "/entry/data", "data"));
    QVERIFY(h5::matchesPattern("d??a", "/entry/data", "data"));
    QVERIFY(!h5::matchesPattern("d?a", "/entry/data", "data"));
    QVERIFY(h5::matchesPattern("*", "/entry", "entry"));
    QVERIFY(h5::matchesPattern("**a*", "/a", "a"));
    QVERIFY(h5::matchesPattern("*a*b*c", "/xaxbxbc", "xaxbxbc"));
    QVERIFY(!h5::matchesPattern("*a*b*c", "/xaxbxbcx", "xaxbxbcx"));
    QVERIFY(h5::matchesPattern("/entry/*", "/entry/data/x", "x"));  // * crosses '/'
    QVERIFY(!h5::matchesPattern("/entry/*", "/entry", "entry"));
    QVERIFY(h5::matchesPattern("/*/DATA/?", "/entry/data/x", "x"));
    QVERIFY(h5::matchesPattern("caf?", "/café", "café"));           // ? is one character, not one byte
    QVERIFY(h5::matchesPattern("[1]", "/a[1]", "a[1]"));           // brackets are plain text
    QVERIFY(!h5::matchesPattern("[1]", "/a1", "a1"));
}

void tst_Search::substringMatchesNamesIgnoringCase()
{
    std::uint64_t visited = 0;
    const auto hits = search(m_file->root(), "DATA", &visited);
    QCOMPARE(paths(hits), (std::vector<std::string>{"/entry/data", "/entry/instrument/detector/data"}));
    QCOMPARE(hits[0].kind, h5::ObjectKind::Group);
    QCOMPARE(hits[1].kind, h5::ObjectKind::Dataset);
    QCOMPARE(hits[1].link, h5::LinkKind::Hard);
    // entry, links; data, instrument, title, soft, external; x, Y_Values, up, detector; data.
    QCOMPARE(visited, std::uint64_t(12));

    QCOMPARE(paths(search(m_file->root(), "y_val")), std::vector<std::string>{"/entry/data/Y_Values"});
    QVERIFY(search(m_file->root(), "nothing like it").empty());
}

void tst_Search::wildcardMatchesWholeNames()
{
    QCOMPARE(paths(search(m_file->root(), "?")), std::vector<std::string>{"/entry/data/x"});
    QCOMPARE(paths(search(m_file->root(), "d*")),
             (std::vector<std::string>{"/entry/data", "/entry/instrument/detector", "/entry/instrument/detector/data"}));
    QCOMPARE(paths(search(m_file->root(), "T*E")), std::vector<std::string>{"/entry/title"});
    QVERIFY(search(m_file->root(), "dat?x").empty());
}

void tst_Search::patternWithSlashMatchesPaths()
{
    QCOMPARE(paths(search(m_file->root(), "/entry/*/x")), std::vector<std::string>{"/entry/data/x"});
    QCOMPARE(paths(search(m_file->root(), "instrument/det")),
             (std::vector<std::string>{"/entry/instrument/detector", "/entry/instrument/detector/data"}));
    QCOMPARE(search(m_file->root(), "/entry/*").size(), std::size_t(8));
    QCOMPARE(paths(search(m_file->root(), "/ENTRY/DATA")),
             (std::vector<std::string>{"/entry/data", "/entry/data/x", "/entry/data/Y_Values", "/entry/data/up"}));
}

void tst_Search::softAndExternalLinksAreNotFollowed()
{
    QVERIFY(search(m_file->root(), "secret").empty());
    QVERIFY(search(m_file->root(), "/links/soft/").empty());
    const auto soft = search(m_file->root(), "soft");
    QCOMPARE(soft.size(), std::size_t(1));
    QCOMPARE(soft[0].path, std::string("/links/soft"));
    QCOMPARE(soft[0].link, h5::LinkKind::Soft);
    QCOMPARE(soft[0].kind, h5::ObjectKind::Other);
    const auto external = search(m_file->root(), "EXTERNAL");
    QCOMPARE(external.size(), std::size_t(1));
    QCOMPARE(external[0].link, h5::LinkKind::External);
}

void tst_Search::hardLinkCycleIsVisitedOnce()
{
    std::uint64_t visited = 0;
    const auto hits = search(m_file->root(), "*", &visited);
    QCOMPARE(hits.size(), std::size_t(12));
    QCOMPARE(visited, std::uint64_t(12));
    const auto up = std::find_if(hits.begin(), hits.end(), [](const auto &hit) { return hit.path == "/entry/data/up"; });
    QVERIFY(up != hits.end());
    QCOMPARE(up->kind, h5::ObjectKind::Group);
    for (const auto &hit : hits)
        QVERIFY2(hit.path.rfind("/entry/data/up/", 0) != 0, hit.path.c_str());
}

void tst_Search::stopsWhenAskedOrWhenTheCallerHasEnough()
{
    std::atomic<bool> stop = true;
    int calls = 0;
    const auto count = [&](const h5::SearchHit &) { return ++calls, true; };
    QCOMPARE(h5::searchLinks(m_file->root(), "*", count, stop), std::uint64_t(0));
    QCOMPARE(calls, 0);

    stop = false;
    const auto stopAtThird = [&](const h5::SearchHit &) {
        stop = ++calls == 3;
        return true;
    };
    QCOMPARE(h5::searchLinks(m_file->root(), "*", stopAtThird, stop), std::uint64_t(3));
    QCOMPARE(calls, 3);

    stop = false;
    calls = 0;
    const auto firstOnly = [&](const h5::SearchHit &) { return ++calls, false; };
    QCOMPARE(h5::searchLinks(m_file->root(), "d*", firstOnly, stop), std::uint64_t(3)); // entry, links, data
    QCOMPARE(calls, 1);
}

void tst_Search::hitsComeInListingOrder()
{
    // h5py's default: no creation order, so names order the listing.
    const std::string unordered = path("unordered.h5").string();
    const hid_t raw = H5Fcreate(unordered.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    QVERIFY(raw >= 0);
    for (const char *name : {"b", "c", "a"})
        H5Gclose(H5Gcreate2(raw, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    H5Fclose(raw);
    QCOMPARE(paths(search(h5::File::open(unordered).root(), "*")), (std::vector<std::string>{"/a", "/b", "/c"}));

    const auto ordered = h5::File::create(path("ordered.h5"));
    for (const char *name : {"b", "c", "a"})
        ordered.root().createGroup(name);
    QCOMPARE(paths(search(ordered.root(), "*")), (std::vector<std::string>{"/b", "/c", "/a"}));
}

void tst_Search::searchesBelowAGroup()
{
    const auto hits = search(m_file->root().group("entry/instrument"), "data");
    QCOMPARE(paths(hits), std::vector<std::string>{"/entry/instrument/detector/data"});
    QVERIFY_THROWS_EXCEPTION(h5::Error, search(h5::Group(), "data"));
}

void tst_Search::searchesTwentyThousandObjects()
{
    // One flat group of 10 000 datasets (dense link storage) and 50 groups of 200.
    const auto file = h5::File::create(path("large.h5"));
    const auto root = file.root();
    char name[64];
    for (int i = 0; i < 10'000; ++i) {
        std::snprintf(name, sizeof name, "flat/item_%05d", i);
        root.createDataset<std::int8_t>(name, {});
    }
    for (int i = 0; i < 10'000; ++i) {
        std::snprintf(name, sizeof name, "nested/group_%02d/entry_%05d", i / 200, i);
        root.createDataset<std::int8_t>(name, {});
    }
    file.flush();

    QElapsedTimer timer;
    timer.start();
    std::uint64_t visited = 0;
    const auto hits = search(root, "item_0123?", &visited);
    qInfo("searched %llu links in %lld ms", static_cast<unsigned long long>(visited), static_cast<long long>(timer.elapsed()));
    QCOMPARE(visited, std::uint64_t(2 + 10'000 + 50 + 10'000));
    QCOMPARE(hits.size(), std::size_t(10));
    QCOMPARE(hits.front().path, std::string("/flat/item_01230"));
    QCOMPARE(hits.front().kind, h5::ObjectKind::Dataset);

    const auto deep = search(root, "/nested/*/entry_09999");
    QCOMPARE(paths(deep), std::vector<std::string>{"/nested/group_49/entry_09999"});
}

QTEST_GUILESS_MAIN(tst_Search)
#include "tst_search.moc"
