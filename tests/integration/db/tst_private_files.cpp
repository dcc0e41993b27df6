// Private data stays private, and saving over a file never loses it.
#include "core/common/AtomicFile.h"
#include "core/common/PrivateFiles.h"
#include "core/db/Connection.h"
#include "core/importer/RejectsWriter.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace insighta;

namespace {

constexpr QFile::Permissions kOthers
    = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;

QFile::Permissions othersOf(const QString &path)
{
    return QFileInfo(path).permissions() & kOthers;
}

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestPrivateFiles : public QObject
{
    Q_OBJECT
private slots:
    void newWorkspaceIsOwnerOnly();
    void existingWorkspaceIsTightened();
    void sharedFolderKeepsItsMode();
    void rejectsFileIsOwnerOnly();
    void atomicCopyKeepsTargetOnFailure();
    void atomicCopyReplacesTarget();
};

void TestPrivateFiles::newWorkspaceIsOwnerOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new/ws.db"));
    {
        Connection connection(DatabaseUrl::sqliteFile(path));
        QVERIFY2(connection.ok(), qPrintable(connection.error()));
    }
    QCOMPARE(othersOf(dir.filePath(QStringLiteral("new"))), QFile::Permissions());
    QCOMPARE(othersOf(path), QFile::Permissions());
    if (QFileInfo::exists(path + QStringLiteral("-wal")))
        QCOMPARE(othersOf(path + QStringLiteral("-wal")), QFile::Permissions());
}

void TestPrivateFiles::existingWorkspaceIsTightened()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.db"));
    {
        Connection connection(DatabaseUrl::sqliteFile(path));
        QVERIFY(connection.ok());
    }
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    {
        Connection connection(DatabaseUrl::sqliteFile(path));
        QVERIFY(connection.ok());
    }
    QCOMPARE(othersOf(path), QFile::Permissions());
}

void TestPrivateFiles::sharedFolderKeepsItsMode()
{
    // A folder that was there before may be shared on purpose (a team drive): only the files we
    // create in it are made private.
    QTemporaryDir dir;
    const auto before = QFileInfo(dir.path()).permissions();
    QVERIFY(QFile::setPermissions(dir.path(), before | QFile::ReadGroup | QFile::ExeGroup));
    const auto shared = QFileInfo(dir.path()).permissions();
    {
        Connection connection(DatabaseUrl::sqliteFile(dir.filePath(QStringLiteral("ws.db"))));
        QVERIFY(connection.ok());
    }
    QCOMPARE(QFileInfo(dir.path()).permissions(), shared);
    QCOMPARE(othersOf(dir.filePath(QStringLiteral("ws.db"))), QFile::Permissions());
}

void TestPrivateFiles::rejectsFileIsOwnerOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rejects.csv"));
    RejectsWriter writer;
    QVERIFY(writer.open(path, {QStringLiteral("name")}).ok());
    QVERIFY(writer.close().ok());
    QCOMPARE(othersOf(path), QFile::Permissions());
    QVERIFY(makePrivateFolder(dir.filePath(QStringLiteral("a/b"))));
    QCOMPARE(othersOf(dir.filePath(QStringLiteral("a/b"))), QFile::Permissions());
}

void TestPrivateFiles::atomicCopyKeepsTargetOnFailure()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("mine.csv"));
    {
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("the person's own rows\n");
    }
    // The source cannot be read (a folder): the copy fails, and the target is untouched.
    const Status failed = copyFileAtomically(dir.path(), target);
    QVERIFY(!failed.ok());
    QCOMPARE(contentOf(target), QByteArray("the person's own rows\n"));
    QVERIFY(!copyFileAtomically(dir.filePath(QStringLiteral("missing.csv")), target).ok());
    QCOMPARE(contentOf(target), QByteArray("the person's own rows\n"));
}

void TestPrivateFiles::atomicCopyReplacesTarget()
{
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("rejects.csv"));
    const QString target = dir.filePath(QStringLiteral("saved.csv"));
    QByteArray big;
    for (int i = 0; i < 300000; ++i)
        big += "row " + QByteArray::number(i) + '\n'; // more than one chunk
    for (const QString &path : {source, target}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(path == source ? big : QByteArray("old"));
    }
    QVERIFY(copyFileAtomically(source, target).ok());
    QCOMPARE(contentOf(target), big);
}

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_private_files.moc"
