#include "core/db/DatabaseUrl.h"

#include "core/common/Hosts.h"
#include "core/common/UntrustedText.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace insighta {

namespace {

const QStringList &knownPostgresOptions()
{
    static const QStringList options{
        QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),          QStringLiteral("sslcert"),
        QStringLiteral("sslkey"),  QStringLiteral("connect_timeout"),      QStringLiteral("application_name"),
        QStringLiteral("options"), QStringLiteral("target_session_attrs"),
    };
    return options;
}

// QPSQL joins the connect options into libpq's conninfo string without quoting them, so a value
// with a space could append keywords of its own ("x host=other sslmode=disable"); quotes and
// backslashes would change how libpq tokenises the rest, and ';' is Qt's own separator. An empty
// value would make libpq read the next keyword as the value. Such values are refused.
bool isSafeOptionValue(const QString &value)
{
    if (value.isEmpty())
        return false;
    for (const QChar c : value) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c == QLatin1Char(';') || c == QLatin1Char('\'')
            || c == QLatin1Char('"') || c == QLatin1Char('\\'))
            return false;
    }
    return true;
}

// A part of the input quoted in a message (a database name, an option key): password-like text
// blanked out, control characters made visible, cut short (fuzz_database_url found keys and
// names that carried ":password@").
QString quotedPart(const QString &part)
{
    QString text = printable(redactUrlPassword(part));
    if (text.size() > 60)
        text = text.left(59) + QChar(0x2026);
    return text;
}

QString hostAndPort(const DatabaseHost &server)
{
    const QString host
        = server.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + server.host + QLatin1Char(']') : server.host;
    return host + QLatin1Char(':') + QString::number(server.port);
}

Result<DatabaseUrl> parseSqlite(const QString &text)
{
    // sqlite:///abs/path  or sqlite://relative/path (relative to the current directory)
    QString path = text.mid(qsizetype(QStringLiteral("sqlite://").size()));
    if (path.isEmpty())
        return Error{QStringLiteral("The SQLite URL has no file path. Use sqlite:///path/to/workspace.db.")};
    if (path.startsWith(QLatin1Char('~')))
        path = QDir::homePath() + path.mid(1);
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    if (query >= 0)
        path.truncate(query);
    path = QUrl::fromPercentEncoding(path.toUtf8());
    for (const QChar c : std::as_const(path)) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return Error{QStringLiteral("The SQLite path contains control characters.")};
    }
    if (path == QLatin1String(":memory:"))
        return DatabaseUrl::sqliteFile(path);
    // Relative to the current folder. Not QDir::absoluteFilePath(), which takes ":x" for a Qt
    // resource path and leaves it relative (found by fuzz_database_url).
    if (!path.startsWith(QLatin1Char('/')))
        path = QDir::currentPath() + QLatin1Char('/') + path;
    return DatabaseUrl::sqliteFile(QDir::cleanPath(path));
}

const QStringList &targetSessionAttrs()
{
    // libpq 14+ (Debian 12 ships 15).
    static const QStringList values{QStringLiteral("any"),       QStringLiteral("read-write"),
                                    QStringLiteral("read-only"), QStringLiteral("primary"),
                                    QStringLiteral("standby"),   QStringLiteral("prefer-standby")};
    return values;
}

constexpr int maxHosts = 16;

// libpq's multi-host form "postgresql://user@db1:5432,db2:5433/db" is not a URL that QUrl
// accepts. The server list is cut out of the authority here; the URL is parsed with its first
// server as before, and every other server is checked on its own with the same rules.
struct HostListSplit
{
    QString firstHostUrl; // the input with only the first server in its authority
    QStringList otherHosts; // "db2:5433", ... as written
};

Result<HostListSplit> splitHostList(const QString &text)
{
    const qsizetype authorityStart = text.indexOf(QLatin1String("://")) + 3;
    qsizetype authorityEnd = text.size();
    for (const QChar stop : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = text.indexOf(stop, authorityStart);
        if (at >= 0 && at < authorityEnd)
            authorityEnd = at;
    }
    const QString authority = text.mid(authorityStart, authorityEnd - authorityStart);
    const qsizetype hostsStart = authority.lastIndexOf(QLatin1Char('@')) + 1;
    QStringList servers = authority.mid(hostsStart).split(QLatin1Char(','));
    if (servers.size() == 1)
        return HostListSplit{text, {}};
    if (servers.size() > maxHosts)
        return Error{QStringLiteral("The PostgreSQL URL lists %1 servers; at most %2 are supported.")
                         .arg(servers.size())
                         .arg(maxHosts)};
    for (const QString &server : std::as_const(servers)) {
        if (server.trimmed().isEmpty())
            return Error{QStringLiteral("The server list of the PostgreSQL URL has an empty entry (two commas, or "
                                        "one at the start or end). Example: postgresql://db1:5432,db2:5432/insighta")};
    }
    const QString first = servers.takeFirst();
    HostListSplit split;
    split.firstHostUrl = text.left(authorityStart + hostsStart) + first + text.mid(authorityEnd);
    split.otherHosts = servers;
    return split;
}

Result<DatabaseHost> parseOtherHost(const QString &server)
{
    const QUrl url(QStringLiteral("postgresql://") + server + QLatin1Char('/'), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return Error{QStringLiteral("The server '%1' in the PostgreSQL URL's server list is not a host or "
                                    "host:port.")
                         .arg(quotedPart(server))};
    if (url.port() == 0)
        return Error{QStringLiteral("Port 0 is not a valid PostgreSQL port.")};
    return DatabaseHost{url.host(), url.port(5432)};
}

Status checkPostgresOptions(const DatabaseUrl &result)
{
    static const QStringList sslModes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                      QStringLiteral("prefer"),    QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    if (result.options.contains(QStringLiteral("sslmode"))
        && !sslModes.contains(result.options.value(QStringLiteral("sslmode"))))
        return Error{QStringLiteral("sslmode must be one of %1.").arg(sslModes.join(QStringLiteral(", ")))};
    if (result.options.contains(QStringLiteral("target_session_attrs"))
        && !targetSessionAttrs().contains(result.options.value(QStringLiteral("target_session_attrs"))))
        return Error{QStringLiteral("target_session_attrs must be one of %1.")
                         .arg(targetSessionAttrs().join(QStringLiteral(", ")))};
    return success();
}

Result<DatabaseUrl> parseSingleHost(const QString &text);

Result<DatabaseUrl> parsePostgres(const QString &text)
{
    auto split = splitHostList(text);
    if (!split.ok())
        return Error{split.error()};
    auto result = parseSingleHost(split->firstHostUrl);
    if (!result.ok())
        return result;
    for (const QString &server : std::as_const(split->otherHosts)) {
        auto host = parseOtherHost(server);
        if (!host.ok())
            return Error{host.error()};
        if (result->hosts().contains(host.value()))
            return Error{
                QStringLiteral("The server '%1' is listed twice in the PostgreSQL URL.").arg(quotedPart(server))};
        result.value().moreHosts << host.value();
    }
    return result;
}

Result<DatabaseUrl> parseSingleHost(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        // QUrl::errorString() quotes the whole input ("source was ..."), password included: keep
        // only its first clause, which names the problem.
        const QString reason = url.errorString().section(QLatin1Char(';'), 0, 0).trimmed();
        return Error{QStringLiteral("This is not a valid PostgreSQL URL: %1.").arg(reason)};
    }
    if (!url.password().isEmpty())
        return Error{
            QStringLiteral("Put the password in the keychain (Settings), PGPASSWORD or ~/.pgpass, not in the URL.")};
    DatabaseUrl result;
    result.kind = DatabaseKind::Postgres;
    result.host = url.host();
    if (result.host.isEmpty())
        return Error{
            QStringLiteral("The PostgreSQL URL has no host. Example: postgresql://user@localhost:5432/insighta")};
    if (url.port() == 0)
        return Error{QStringLiteral("Port 0 is not a valid PostgreSQL port.")};
    result.port = url.port(5432);
    result.user = url.userName();
    result.database = url.path().mid(1);
    if (result.database.contains(QLatin1Char('/')))
        return Error{QStringLiteral("The database name '%1' contains a '/'.").arg(quotedPart(result.database))};
    if (result.database.isEmpty())
        result.database = result.user.isEmpty() ? QStringLiteral("postgres") : result.user;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("password"))
            return Error{QStringLiteral(
                "Put the password in the keychain (Settings), PGPASSWORD or ~/.pgpass, not in the URL.")};
        if (!knownPostgresOptions().contains(key))
            return Error{QStringLiteral("Unknown PostgreSQL URL option '%1'. Known options: %2.")
                             .arg(quotedPart(key), knownPostgresOptions().join(QStringLiteral(", ")))};
        if (!isSafeOptionValue(value))
            return Error{QStringLiteral("The value of the PostgreSQL URL option '%1' is empty or contains a space, "
                                        "a quote, a backslash, a ';' or a control character.")
                             .arg(quotedPart(key))};
        result.options.insert(key, value);
    }
    if (const Status checked = checkPostgresOptions(result); !checked.ok())
        return Error{checked.error()};
    return result;
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return Error{QStringLiteral("The database URL is empty.")};
    const QString lower = text.toLower();
    if (lower.startsWith(QLatin1String("sqlite://")))
        return parseSqlite(text);
    if (lower.startsWith(QLatin1String("postgresql://")) || lower.startsWith(QLatin1String("postgres://")))
        return parsePostgres(text);
    return Error{QStringLiteral("'%1' is not a database URL. Use postgresql://user@host:port/dbname "
                                "or sqlite:///path/to/workspace.db.")
                     .arg(redactUrlPassword(text))};
}

DatabaseUrl DatabaseUrl::sqliteFile(const QString &path)
{
    DatabaseUrl url;
    url.kind = DatabaseKind::Sqlite;
    url.path = path;
    url.port = 0;
    return url;
}

QString DatabaseUrl::toString() const
{
    if (kind == DatabaseKind::Sqlite) {
        // parse() decodes %XX, cuts at '?' and trims the text: those are encoded so that the
        // text parses back to this path.
        QString encoded = path;
        encoded.replace(QLatin1Char('%'), QStringLiteral("%25"))
            .replace(QLatin1Char('?'), QStringLiteral("%3F"))
            .replace(QLatin1Char(' '), QStringLiteral("%20"));
        return QStringLiteral("sqlite://") + (path.startsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/"))
            + encoded;
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + database);
    if (!options.isEmpty()) {
        // Encoded here: QUrlQuery::addQueryItem() reads a '%' in a value as the start of an escape,
        // so application_name=50%65 printed as "50e" (found by fuzz_database_url).
        QStringList items;
        for (auto it = options.cbegin(); it != options.cend(); ++it)
            items << QString::fromLatin1(QUrl::toPercentEncoding(it.key()) + '=' + QUrl::toPercentEncoding(it.value()));
        url.setQuery(items.join(QLatin1Char('&')), QUrl::StrictMode);
    }
    // Encoded, so that the text parses again: decoded, a database named "a b" printed as
    // ".../a b", which parse() refuses (found by fuzz_database_url).
    QString text = url.toString(QUrl::FullyEncoded);
    if (isMultiHost()) {
        // QUrl holds one server: the others follow the first one's port in the authority.
        const qsizetype authorityStart = text.indexOf(QLatin1String("://")) + 3;
        const qsizetype pathStart = text.indexOf(QLatin1Char('/'), authorityStart);
        QStringList others;
        for (const DatabaseHost &other : moreHosts)
            others << hostAndPort(other);
        text.insert(pathStart, QLatin1Char(',') + others.join(QLatin1Char(',')));
    }
    return text;
}

QList<DatabaseHost> DatabaseUrl::hosts() const
{
    if (kind == DatabaseKind::Sqlite)
        return {};
    return QList<DatabaseHost>{DatabaseHost{host, port}} + moreHosts;
}

QString DatabaseUrl::hostList() const
{
    QStringList parts;
    for (const DatabaseHost &server : hosts())
        parts << hostAndPort(server);
    return parts.join(QLatin1Char(','));
}

DatabaseUrl DatabaseUrl::forWrites() const
{
    DatabaseUrl url = *this;
    const QString attrs = options.value(QStringLiteral("target_session_attrs"));
    if (isMultiHost() && attrs != QLatin1String("primary"))
        url.options.insert(QStringLiteral("target_session_attrs"), QStringLiteral("read-write"));
    return url;
}

DatabaseUrl DatabaseUrl::forReads() const
{
    DatabaseUrl url = *this;
    if (isMultiHost())
        url.options.insert(QStringLiteral("target_session_attrs"), QStringLiteral("prefer-standby"));
    return url;
}

QString DatabaseUrl::displayName() const
{
    if (kind == DatabaseKind::Sqlite) {
        QString shown = path;
        const QString home = QDir::homePath();
        if (shown.startsWith(home + QLatin1Char('/')))
            shown = QLatin1Char('~') + shown.mid(home.size());
        return QStringLiteral("SQLite workspace %1").arg(shown);
    }
    return QStringLiteral("PostgreSQL %1%2/%3")
        .arg(user.isEmpty() ? QString() : user + QLatin1Char('@'), hostList(), database);
}

QString DatabaseUrl::qtConnectOptions() const
{
    QStringList parts;
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        if (it.key() == QLatin1String("options"))
            continue; // Qt's option string cannot carry spaces safely
        parts << it.key() + QLatin1Char('=') + it.value();
    }
    if (!options.contains(QStringLiteral("connect_timeout")))
        parts << QStringLiteral("connect_timeout=10");
    if (!options.contains(QStringLiteral("sslmode")))
        parts << QStringLiteral("sslmode=") + effectiveSslMode();
    if (isMultiHost()) {
        // QSqlDatabase::setPort() takes one number; libpq wants one port per host. The later
        // port= of the conninfo string wins, and these are numbers we formatted ourselves.
        QStringList ports;
        for (const DatabaseHost &server : hosts())
            ports << QString::number(server.port);
        parts << QStringLiteral("port=") + ports.join(QLatin1Char(','));
    }
    return parts.join(QLatin1Char(';'));
}

bool DatabaseUrl::isLocalHost() const
{
    if (kind == DatabaseKind::Sqlite)
        return true;
    for (const DatabaseHost &server : hosts()) {
        // a Unix socket folder, or loopback
        if (!server.host.startsWith(QLatin1Char('/')) && !isLoopbackHost(server.host))
            return false;
    }
    return true;
}

QString DatabaseUrl::effectiveSslMode() const
{
    if (kind == DatabaseKind::Sqlite)
        return {};
    const QString given = options.value(QStringLiteral("sslmode"));
    if (!given.isEmpty())
        return given;
    // libpq's own default is "prefer", which silently falls back to plain text. Over a network
    // we ask for TLS; "verify-full" needs a root certificate most machines do not have yet, so
    // the default is "require" and the connection indicator says the server is not verified.
    return isLocalHost() ? QStringLiteral("prefer") : QStringLiteral("require");
}

QString DatabaseUrl::tlsWarning() const
{
    if (kind == DatabaseKind::Sqlite || isLocalHost())
        return {};
    const QString mode = effectiveSslMode();
    if (mode == QLatin1String("disable"))
        return QStringLiteral("sslmode=disable: the connection to %1 is not encrypted.").arg(hostList());
    if (mode == QLatin1String("allow") || mode == QLatin1String("prefer"))
        return QStringLiteral("sslmode=%1: the connection to %2 may fall back to no encryption; use "
                              "sslmode=verify-full.")
            .arg(mode, hostList());
    return {};
}

QString DatabaseUrl::tlsSummary() const
{
    if (kind == DatabaseKind::Sqlite || isLocalHost())
        return {};
    const QString mode = effectiveSslMode();
    if (mode == QLatin1String("verify-full"))
        return QStringLiteral("TLS, server verified");
    if (mode == QLatin1String("verify-ca"))
        return QStringLiteral("TLS, certificate checked but not the host name");
    if (mode == QLatin1String("require"))
        return QStringLiteral("TLS, server not verified");
    return QStringLiteral("not encrypted");
}

QString redactUrlPassword(const QString &text)
{
    QString result = text;
    // userinfo: everything between "://" (or the start, without a scheme) and the last '@'; the
    // password is after its first ':'. Taking the last '@' may hide more than the password in a
    // malformed URL, never less. A "://" after that '@' is not the scheme's (the fuzzer found
    // "postgres:bob:pw@db/x?a=b://c", which echoed the password).
    const qsizetype at = result.lastIndexOf(QLatin1Char('@'));
    const qsizetype scheme = result.indexOf(QLatin1String("://"));
    const qsizetype start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
    if (at > start) {
        const qsizetype colon = result.indexOf(QLatin1Char(':'), start);
        if (colon >= 0 && colon < at)
            result.replace(colon + 1, at - colon - 1, QStringLiteral("***"));
    }
    // Text with several userinfo-like parts ("a:pw@x/y://b:pw@z"): every ":...@" goes too.
    static const QRegularExpression userinfoPassword(QStringLiteral(":[^:@/?#\\s]+@"));
    result.replace(userinfoPassword, QStringLiteral(":***@"));
    static const QRegularExpression passwordOption(QStringLiteral("([?&]password=)[^&#]*"),
                                                   QRegularExpression::CaseInsensitiveOption);
    result.replace(passwordOption, QStringLiteral("\\1***"));
    return result;
}

Status requireExistingWorkspace(const DatabaseUrl &url)
{
    if (url.kind != DatabaseKind::Sqlite || url.path == QLatin1String(":memory:"))
        return success();
    const QFileInfo info(url.path);
    if (info.isFile())
        return success();
    if (info.exists())
        return Error{QStringLiteral("%1 is not a workspace file.").arg(url.path)};
    return Error{QStringLiteral("There is no workspace at %1. Check the path, or create one with "
                                "'insighta db migrate --database %2' (empty) or 'insighta demo --database %2'.")
                     .arg(url.path, url.toString())};
}

QString defaultWorkspacePath()
{
    const QString overridden = qEnvironmentVariable("INSIGHTA_WORKSPACE");
    if (!overridden.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(overridden));
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/insighta-desk");
    return dir + QStringLiteral("/workspace.db");
}

Result<DatabaseUrl> defaultDatabaseUrl()
{
    const QString fromEnv = qEnvironmentVariable("INSIGHTA_DATABASE_URL");
    if (!fromEnv.isEmpty())
        return DatabaseUrl::parse(fromEnv);
    return DatabaseUrl::sqliteFile(defaultWorkspacePath());
}

} // namespace insighta
