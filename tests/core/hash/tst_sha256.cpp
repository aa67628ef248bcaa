#include "core/error.h"
#include "core/hash/sha256.h"

#include <QtTest/QTest>

#include <string>

namespace QTest {
template <>
char *toString(const std::string &value)
{
    return toString(QByteArray::fromStdString(value));
}
} // namespace QTest

class tst_Sha256 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void knownAnswers_data();
    void knownAnswers();
    void incrementalEqualsOneShot_data();
    void incrementalEqualsOneShot();
    void toHexIsLowerCase();
    void updateAfterFinishThrows();
};

void tst_Sha256::knownAnswers_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("expected");

    // FIPS 180-2, appendix B (B.1, B.2, B.3) and the well-known digest of the empty message.
    QTest::newRow("empty") << QByteArray()
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("448-bit message")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("one million 'a'") << QByteArray(1'000'000, 'a')
                                     << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

void tst_Sha256::knownAnswers()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, expected);

    QCOMPARE(hash::sha256Hex(std::string_view(message.constData(), message.size())), expected.toStdString());
}

void tst_Sha256::incrementalEqualsOneShot_data()
{
    QTest::addColumn<int>("pieceSize");

    // Sizes around SHA-256's 64-byte block, so pieces straddle block boundaries in every way.
    for (const int size : {1, 7, 63, 64, 65, 1000, 4096})
        QTest::addRow("pieces of %d bytes", size) << size;
}

void tst_Sha256::incrementalEqualsOneShot()
{
    QFETCH(int, pieceSize);

    // FIPS 180-2 B.3: one million 'a'.
    const std::string message(1'000'000, 'a');
    const std::string expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

    hash::Sha256 sha;
    for (std::size_t at = 0; at < message.size(); at += static_cast<std::size_t>(pieceSize))
        sha.update(std::string_view(message).substr(at, static_cast<std::size_t>(pieceSize)));
    sha.update(nullptr, 0);

    QCOMPARE(hash::toHex(sha.finish()), expected);
    QCOMPARE(hash::sha256Hex(message), expected);
}

void tst_Sha256::toHexIsLowerCase()
{
    hash::Sha256Digest digest{};
    for (std::size_t i = 0; i < digest.size(); ++i)
        digest[i] = static_cast<std::uint8_t>(i * 8 + 7);

    QCOMPARE(hash::toHex(digest), std::string("070f171f272f373f474f575f676f777f878f979fa7afb7bfc7cfd7dfe7eff7ff"));
}

void tst_Sha256::updateAfterFinishThrows()
{
    hash::Sha256 sha;
    sha.update("abc");
    QCOMPARE(hash::toHex(sha.finish()),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QVERIFY_THROWS_EXCEPTION(core::Error, sha.update("more"));
    QVERIFY_THROWS_EXCEPTION(core::Error, sha.finish());
}

QTEST_MAIN(tst_Sha256)
#include "tst_sha256.moc"
