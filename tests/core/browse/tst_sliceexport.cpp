#include "core/browse/sliceexport.h"
#include "core/error.h"
#include "core/h5/error.h"
#include "core/h5/file.h"

#include <nlohmann/json.hpp>

#include "tests/support/browsersamples.h"

#include <QtCore/QProcess>
#include <QtTest/QTest>

#include <fstream>
#include <optional>
#include <sstream>

// Slices of h5py-written files exported to NPY and CSV, checked by NumPy and Python's csv module against
// what h5py reads from the same slice.
class tst_SliceExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void npyMatchesNumpy();
    void csvMatchesH5py();
    void csvTextIsExact();
    void npyRefusesWhatIsNotANumber();
    void csvRefusesMoreThanTwoDimensions();
    void unknownExtensionListsTheKnownOnes();
    void badSelectionsFailWithoutLeavingAFile();
    void lzfNeedsItsFilter();
    void emptyDatasetIsAnError();

private:
    struct Case {
        std::string name;
        std::string path;
        h5::Shape offset;
        h5::Shape count;
    };
    void exportAndCheck(const std::vector<Case> &cases, const char *extension);
    std::filesystem::path out(const std::string &name) const { return m_dir / "exports" / name; }
    std::string readText(const std::filesystem::path &path) const;
    void expectFailure(const std::string &path, const h5::Shape &offset, const h5::Shape &count,
                       const std::filesystem::path &target, const std::vector<std::string> &fragments);

    BrowserSamples m_samples;
    std::filesystem::path m_dir;
    std::optional<h5::File> m_types;
};

// Reads each exported file back with NumPy or csv and compares it with h5py's reading of the same slice
// (squeezed as the export squeezes). Prints one JSON result per case.
static const char *const oracle = R"py(
import csv, json, sys
import h5py, numpy as np

cases = json.load(open(sys.argv[1]))
f = h5py.File(sys.argv[2], "r")

def selection(ds, offset, count):
    if ds.shape == ():
        return np.asarray(ds[()])
    return np.squeeze(ds[tuple(slice(o, o + c) for o, c in zip(offset, count))])

def significant_digits(text):
    mantissa = text.lower().split("e")[0].lstrip("-").replace(".", "")
    return len(mantissa.strip("0")) or 1

def cell_problem(text, value, dtype):
    if dtype.subdtype is not None or dtype.kind == "O" and not isinstance(value, (bytes, str)):
        ok = json.loads(text) == np.asarray(value).tolist()
    elif dtype.kind == "f":
        if np.isnan(value):
            ok = text == "nan"
        else:
            ok = dtype.type(text) == value and (np.isinf(value) or significant_digits(text) <=
                 significant_digits(np.format_float_scientific(value, unique=True)))
    elif dtype.kind == "b":
        ok = text == ("true" if value else "false")
    elif dtype.kind in "iu":
        names = h5py.check_enum_dtype(dtype)
        ok = text == ({v: k for k, v in names.items()}[int(value)] if names else str(int(value)))
    else:
        ok = text == (value.decode() if isinstance(value, bytes) else value)
    return None if ok else f"{text!r} for {value!r} ({dtype})"

def leaves(dtype, prefix=()):
    if dtype.names is None:
        return [(prefix, dtype)]
    return [leaf for name in dtype.names for leaf in leaves(dtype.fields[name][0], prefix + (name,))]

def check_npy(case, expected):
    problems = []
    with open(case["out"], "rb") as handle:
        version = np.lib.format.read_magic(handle)
        np.lib.format.read_array_header_1_0(handle)
        start = handle.tell()
        handle.seek(start - 1)
        if version != (1, 0) or start % 64 or handle.read(1) != b"\n":
            problems.append(f"header: version {version}, data at {start}")
    loaded = np.load(case["out"])
    want = expected.dtype.str.replace(">", "<")
    if loaded.dtype.str != want:
        problems.append(f"dtype {loaded.dtype.str}, h5py {want}")
    elif loaded.shape != expected.shape:
        problems.append(f"shape {loaded.shape}, h5py {expected.shape}")
    elif not np.array_equal(loaded, expected.astype(want), equal_nan=loaded.dtype.kind == "f"):
        problems.append("values differ")
    return problems

def check_csv(case, ds, expected):
    raw = open(case["out"], "rb").read()
    rows = list(csv.reader(open(case["out"], newline="", encoding="utf-8")))
    problems = [] if raw.endswith(b"\r\n") or not raw else ["records do not end in CRLF"]
    if ds.dtype.names:
        fields = leaves(ds.dtype)
        if rows[0] != [".".join(path) for path, _ in fields]:
            problems.append(f"header {rows[0]}")
        elements = np.atleast_1d(expected)
        if len(rows) - 1 != len(elements):
            return problems + [f"{len(rows) - 1} rows for {len(elements)} elements"]
        for row, element in zip(rows[1:], elements):
            for text, (path, dtype) in zip(row, fields):
                value = element
                for key in path:
                    value = value[key]
                problems.append(cell_problem(text, value, dtype))
    else:
        # h5py unpacks an HDF5 array type into trailing dimensions; the CSV keeps each element in one cell.
        if ds.dtype.subdtype is not None or expected.ndim == 1:
            table = [[v] for v in expected]
        else:
            table = [[expected[()]]] if expected.ndim == 0 else expected
        if [len(row) for row in rows] != [len(row) for row in table]:
            return problems + [f"{len(rows)} rows of {[len(r) for r in rows[:3]]}, h5py {np.shape(table)}"]
        for row, values in zip(rows, table):
            problems += [cell_problem(text, value, ds.dtype) for text, value in zip(row, values)]
    return problems

results = []
for case in cases:
    ds = f[case["path"]]
    expected = selection(ds, case["offset"], case["count"])
    problems = check_npy(case, expected) if case["out"].endswith(".npy") else check_csv(case, ds, expected)
    results.append({"name": case["name"], "problems": [p for p in problems if p][:5]})
print(json.dumps(results))
)py";

void tst_SliceExport::initTestCase()
{
    m_samples.generate();
    if (!m_samples.available)
        QSKIP(qPrintable(m_samples.error));
    QVERIFY2(m_samples.ok, qPrintable(m_samples.error));
    m_dir = m_samples.dir.path().toStdString();
    std::filesystem::create_directory(m_dir / "exports");
    m_types.emplace(h5::File::open(m_dir / "types.h5"));
}

std::string tst_SliceExport::readText(const std::filesystem::path &path) const
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void tst_SliceExport::exportAndCheck(const std::vector<Case> &cases, const char *extension)
{
    auto list = nlohmann::json::array();
    for (const auto &c : cases) {
        const auto target = out(c.name + extension);
        browse::exportSlice(m_types->root().dataset(c.path), c.offset, c.count, target);
        QVERIFY2(!std::filesystem::exists(target.string() + ".partial"), c.name.c_str());
        list.push_back({{"name", c.name}, {"path", c.path}, {"offset", c.offset}, {"count", c.count},
                        {"out", target.string()}});
    }
    const auto casesFile = m_dir / (std::string("cases") + extension + ".json");
    std::ofstream(casesFile) << list.dump();
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QString::fromLatin1(oracle), QString::fromStdString(casesFile.string()),
                  QString::fromStdString((m_dir / "types.h5").string())});
    QVERIFY2(python.waitForFinished(120000), "the Python oracle did not finish");
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const auto results = nlohmann::json::parse(python.readAllStandardOutput().toStdString());
    QCOMPARE(results.size(), cases.size());
    for (const auto &result : results)
        QVERIFY2(result["problems"].empty(), (result["name"].get<std::string>() + ": " + result["problems"].dump()).c_str());
}

void tst_SliceExport::npyMatchesNumpy()
{
    std::vector<Case> cases;
    for (const char *type : {"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"})
        cases.push_back({type, std::string("/ints/") + type, {0}, {4}});
    for (const char *type : {"float16", "float32", "float64"})
        cases.push_back({type, std::string("/floats/") + type, {0}, {6}});
    cases.push_back({"float32_be", "/floats/float32_be", {0}, {2}});
    cases.push_back({"bool", "/bool", {0}, {4}});
    cases.push_back({"enum", "/enum", {0}, {4}});
    cases.push_back({"enum_int16", "/enum_int16", {0}, {3}});
    cases.push_back({"scalar", "/scalar", {}, {}});
    cases.push_back({"frame", "/images/stack", {5, 0, 0}, {1, 256, 256}});
    cases.push_back({"block", "/images/stack", {3, 10, 20}, {2, 30, 40}});
    cases.push_back({"one_pixel", "/images/stack", {7, 100, 100}, {1, 1, 1}});
    cases.push_back({"pixel_trace", "/images/stack", {0, 128, 128}, {40, 1, 1}});
    if (m_types->root().contains("images/stack_blosc"))
        cases.push_back({"blosc_frame", "/images/stack_blosc", {2, 0, 0}, {1, 128, 128}});
    cases.push_back({"with_nans", "/images/with_nans", {0, 0}, {256, 256}});
    cases.push_back({"phase_rows", "/images/phase", {100, 0}, {3, 256}});
    cases.push_back({"chirp", "/signals/chirp", {500000}, {20000}});
    cases.push_back({"time", "/signals/time", {0}, {1000000}});
    cases.push_back({"virtual", "/virtual", {0, 90}, {2, 10}});
    cases.push_back({"empty_slice", "/signals/chirp", {10}, {0}});
    exportAndCheck(cases, ".npy");
}

void tst_SliceExport::csvMatchesH5py()
{
    std::vector<Case> cases;
    for (const char *type : {"int8", "int64", "uint64"})
        cases.push_back({type, std::string("/ints/") + type, {0}, {4}});
    for (const char *type : {"float16", "float32", "float64"})
        cases.push_back({type, std::string("/floats/") + type, {0}, {6}});
    cases.push_back({"bool", "/bool", {0}, {4}});
    cases.push_back({"enum", "/enum", {0}, {4}});
    cases.push_back({"enum_int16", "/enum_int16", {0}, {3}});
    cases.push_back({"scalar", "/scalar", {}, {}});
    cases.push_back({"fixed_ascii", "/strings/fixed_ascii", {0}, {3}});
    cases.push_back({"fixed_utf8", "/strings/fixed_utf8", {0}, {2}});
    cases.push_back({"vlen_str", "/strings/vlen_str", {0}, {5}});
    cases.push_back({"vlen_bytes", "/strings/vlen_bytes", {0}, {3}});
    cases.push_back({"vlen_int", "/vlen_int", {0}, {3}});
    cases.push_back({"array_f4", "/array_f4", {0}, {4}});
    cases.push_back({"compound", "/compound", {0}, {2}});
    cases.push_back({"strange_compound", "/strange_compound", {0}, {2}});
    cases.push_back({"table", "/table", {1000}, {2000}});
    cases.push_back({"table_row", "/table", {99999}, {1}});
    cases.push_back({"frame", "/images/stack", {5, 100, 100}, {1, 20, 30}});
    cases.push_back({"with_nans", "/images/with_nans", {90, 40}, {30, 180}});
    cases.push_back({"phase", "/images/phase", {64, 0}, {64, 256}});
    cases.push_back({"chirp", "/signals/chirp", {0}, {20000}});
    cases.push_back({"time", "/signals/time", {999000}, {1000}});
    exportAndCheck(cases, ".csv");
}

void tst_SliceExport::csvTextIsExact()
{
    const auto root = m_types->root();
    browse::exportSlice(root.dataset("strings/vlen_str"), {0}, {5}, out("exact_strings.csv"));
    QCOMPARE(readText(out("exact_strings.csv")),
             std::string("plain\r\n\"with, comma\"\r\n\"with \"\"quotes\"\"\"\r\n\"two\nlines\"\r\n日本語\r\n"));
    browse::exportSlice(root.dataset("floats/float32"), {0}, {6}, out("exact_float32.csv"));
    QCOMPARE(readText(out("exact_float32.csv")), std::string("0.1\r\n-2.25\r\n3.4028235e+38\r\n-inf\r\nnan\r\n1e-45\r\n"));
    browse::exportSlice(root.dataset("floats/float16"), {0}, {6}, out("exact_float16.csv"));
    QCOMPARE(readText(out("exact_float16.csv")), std::string("0.1\r\n-2.25\r\n6.55e+04\r\ninf\r\nnan\r\n6e-08\r\n"));
    browse::exportSlice(root.dataset("compound"), {0}, {2}, out("exact_compound.csv"));
    QCOMPARE(readText(out("exact_compound.csv")),
             std::string("id,position.x,position.y,samples,label,valid\r\n"
                         "1,0.1,0.2,\"[1,2,3]\",first,true\r\n"
                         "2,1.5,-2.5,\"[4,5,6]\",\"a,b\",false\r\n"));
    browse::exportSlice(root.dataset("strange_compound"), {0}, {2}, out("exact_strange_compound.csv"));
    QCOMPARE(readText(out("exact_strange_compound.csv")),
             std::string("\"a, b\",c: d,\"nested.e, f: g\",nested.h\r\n"
                         "1,0.5,7,\"x,y\"\r\n"
                         "-2,1e+300,65535,\r\n"));
    browse::exportSlice(root.dataset("enum"), {0}, {4}, out("exact_enum.csv"));
    QCOMPARE(readText(out("exact_enum.csv")), std::string("RED\r\nGREEN\r\nBLUE\r\nGREEN\r\n"));
    browse::exportSlice(root.dataset("images/stack"), {0, 0, 0}, {1, 2, 3}, out("exact_frame.csv"));
    const auto frame = root.dataset("images/stack").read<std::uint16_t>({0, 0, 0}, {1, 2, 3});
    std::string expected;
    for (std::size_t i = 0; i < frame.size(); ++i)
        expected += std::to_string(frame[i]) + (i % 3 == 2 ? "\r\n" : ",");
    QCOMPARE(readText(out("exact_frame.csv")), expected);
}

void tst_SliceExport::expectFailure(const std::string &path, const h5::Shape &offset, const h5::Shape &count,
                                    const std::filesystem::path &target, const std::vector<std::string> &fragments)
{
    try {
        browse::exportSlice(m_types->root().dataset(path), offset, count, target);
        QFAIL(("exporting " + path + " to " + target.string() + " must fail").c_str());
    } catch (const core::Error &error) {
        const std::string message = error.what();
        QVERIFY2(message.find(target.string()) != std::string::npos, message.c_str());
        for (const auto &fragment : fragments)
            QVERIFY2(message.find(fragment) != std::string::npos, (fragment + " not in: " + message).c_str());
    }
    QVERIFY(!std::filesystem::exists(target));
    QVERIFY(!std::filesystem::exists(target.string() + ".partial"));
}

void tst_SliceExport::npyRefusesWhatIsNotANumber()
{
    expectFailure("compound", {0}, {2}, out("compound.npy"), {"/compound", "NPY holds numbers only", "compound{", "CSV"});
    expectFailure("strings/vlen_str", {0}, {5}, out("strings.npy"), {"NPY holds numbers only", "vlen string", "CSV"});
    expectFailure("array_f4", {0}, {4}, out("array.npy"), {"NPY holds numbers only", "array[3](float32)"});
}

void tst_SliceExport::csvRefusesMoreThanTwoDimensions()
{
    expectFailure("images/stack", {0, 0, 0}, {2, 16, 16}, out("block.csv"), {"/images/stack", "(2, 16, 16)", "NPY"});
}

void tst_SliceExport::unknownExtensionListsTheKnownOnes()
{
    expectFailure("bool", {0}, {4}, out("bool.txt"), {"unknown export format '.txt'", ".npy", ".csv"});
    expectFailure("bool", {0}, {4}, out("bool"), {"unknown export format ''", ".npy", ".csv"});
}

void tst_SliceExport::badSelectionsFailWithoutLeavingAFile()
{
    expectFailure("images/stack", {0, 0}, {1, 256}, out("rank.npy"), {"/images/stack", "2 dimensions", "3"});
    try {
        browse::exportSlice(m_types->root().dataset("images/stack"), {39, 0, 0}, {2, 256, 256}, out("beyond.npy"));
        QFAIL("a selection beyond the dataset must fail");
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find("/images/stack") != std::string::npos, error.what());
        QVERIFY2(std::string(error.what()).find("exceeds") != std::string::npos, error.what());
    }
    QVERIFY(!std::filesystem::exists(out("beyond.npy")));
    QVERIFY(!std::filesystem::exists(out("beyond.npy.partial")));
}

void tst_SliceExport::lzfNeedsItsFilter()
{
    // h5py's own lzf filter reaches the C library only through the hdf5-plugin-lzf package.
    const auto dataset = m_types->root().dataset("images/stack_lzf");
    QCOMPARE(dataset.filters().size(), std::size_t(1));
    if (dataset.filters().front().available) {
        exportAndCheck({{"lzf_frame", "/images/stack_lzf", {2, 0, 0}, {1, 128, 128}}}, ".npy");
        return;
    }
    try {
        browse::exportSlice(dataset, {2, 0, 0}, {1, 128, 128}, out("lzf_frame.npy"));
        QFAIL("reading lzf without its filter must fail");
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find("/images/stack_lzf") != std::string::npos, error.what());
        QVERIFY2(std::string(error.what()).find("lzf") != std::string::npos, error.what());
        // A passing run then proves nothing about lzf data; say so, since an installed but unloadable plugin
        // (Debian's is underlinked against liblzf) looks the same as none.
        qWarning("lzf data not checked, the filter is unavailable: %s", error.what());
    }
    QVERIFY(!std::filesystem::exists(out("lzf_frame.npy")));
    QVERIFY(!std::filesystem::exists(out("lzf_frame.npy.partial")));
}

void tst_SliceExport::emptyDatasetIsAnError()
{
    expectFailure("empty", {}, {}, out("empty.npy"), {"/empty", "no value"});
    expectFailure("empty", {}, {}, out("empty.csv"), {"/empty", "no value"});
}

QTEST_GUILESS_MAIN(tst_SliceExport)
#include "tst_sliceexport.moc"
