#include "core/profiles/DemoGenerator.h"

#include "core/profiles/Countries.h"
#include "core/profiles/Uuid.h"

#include <QCryptographicHash>
#include <QTimeZone>
#include <QUuid>

#include <array>

namespace insighta {

namespace {

struct WeightedCountry
{
    const char *code;
    int weight;
};

// Weighted towards the African countries of the Insighta data, with a global tail.
constexpr std::array kCountryMix{
    WeightedCountry{"NG", 180}, WeightedCountry{"KE", 90}, WeightedCountry{"GH", 70}, WeightedCountry{"ZA", 70},
    WeightedCountry{"ET", 60},  WeightedCountry{"TZ", 60}, WeightedCountry{"UG", 50}, WeightedCountry{"EG", 50},
    WeightedCountry{"AO", 40},  WeightedCountry{"CM", 35}, WeightedCountry{"SN", 30}, WeightedCountry{"CI", 30},
    WeightedCountry{"CD", 30},  WeightedCountry{"SD", 20}, WeightedCountry{"SS", 10}, WeightedCountry{"NE", 20},
    WeightedCountry{"GN", 15},  WeightedCountry{"GW", 5},  WeightedCountry{"GQ", 5},  WeightedCountry{"RW", 20},
    WeightedCountry{"MA", 25},  WeightedCountry{"DZ", 20}, WeightedCountry{"TN", 15}, WeightedCountry{"ZM", 15},
    WeightedCountry{"ZW", 15},  WeightedCountry{"MZ", 15}, WeightedCountry{"BJ", 10}, WeightedCountry{"TG", 10},
    WeightedCountry{"ML", 10},  WeightedCountry{"BF", 10}, WeightedCountry{"US", 40}, WeightedCountry{"GB", 30},
    WeightedCountry{"FR", 20},  WeightedCountry{"DE", 20}, WeightedCountry{"IN", 30}, WeightedCountry{"BR", 20},
    WeightedCountry{"CN", 20},  WeightedCountry{"JP", 10}, WeightedCountry{"MX", 10}, WeightedCountry{"CA", 10},
    WeightedCountry{"TR", 10},  WeightedCountry{"VN", 8},  WeightedCountry{"PL", 8},  WeightedCountry{"ES", 8},
    WeightedCountry{"SE", 5},   WeightedCountry{"NO", 5},  WeightedCountry{"IS", 2},  WeightedCountry{"CZ", 5},
};

constexpr int totalWeight()
{
    int total = 0;
    for (const auto &c : kCountryMix)
        total += c.weight;
    return total;
}

const QStringList &maleFirstNames()
{
    static const QStringList names{
        QStringLiteral("Chinedu"), QStringLiteral("Emeka"),  QStringLiteral("Tunde"),    QStringLiteral("Kwame"),
        QStringLiteral("Kofi"),    QStringLiteral("Hassan"), QStringLiteral("Otieno"),   QStringLiteral("Thabo"),
        QStringLiteral("Sipho"),   QStringLiteral("Abebe"),  QStringLiteral("Yusuf"),    QStringLiteral("Moussa"),
        QStringLiteral("Amadou"),  QStringLiteral("José"),   QStringLiteral("François"), QStringLiteral("Jürgen"),
        QStringLiteral("Søren"),   QStringLiteral("Łukasz"), QStringLiteral("Çağrı"),    QStringLiteral("Nguyễn"),
        QStringLiteral("James"),   QStringLiteral("Oliver"), QStringLiteral("Rahul"),    QStringLiteral("Wei"),
        QStringLiteral("Hiroshi"), QStringLiteral("Mateo"),  QStringLiteral("Ahmed"),    QStringLiteral("Omar"),
        QStringLiteral("Bongani"), QStringLiteral("Jabari"), QStringLiteral("Kato"),     QStringLiteral("Samuel"),
    };
    return names;
}

const QStringList &femaleFirstNames()
{
    static const QStringList names{
        QStringLiteral("Adaeze"), QStringLiteral("Ngozi"),  QStringLiteral("Amina"),      QStringLiteral("Awino"),
        QStringLiteral("Mercy"),  QStringLiteral("Akosua"), QStringLiteral("Zanele"),     QStringLiteral("Nomvula"),
        QStringLiteral("Tigist"), QStringLiteral("Fatou"),  QStringLiteral("Aïcha"),      QStringLiteral("Chloé"),
        QStringLiteral("Zoë"),    QStringLiteral("Björk"),  QStringLiteral("Małgorzata"), QStringLiteral("Ayşe"),
        QStringLiteral("Thảo"),   QStringLiteral("Emily"),  QStringLiteral("Priya"),      QStringLiteral("Mei"),
        QStringLiteral("Yuki"),   QStringLiteral("Lucía"),  QStringLiteral("Fatima"),     QStringLiteral("Wanjiru"),
        QStringLiteral("Imani"),  QStringLiteral("Nandi"),  QStringLiteral("Esi"),        QStringLiteral("Halima"),
        QStringLiteral("Grace"),  QStringLiteral("Sophie"), QStringLiteral("Ana"),        QStringLiteral("Chiamaka"),
    };
    return names;
}

const QStringList &familyNames()
{
    static const QStringList names{
        QStringLiteral("Okafor"),   QStringLiteral("Adeyemi"),  QStringLiteral("Mensah"),   QStringLiteral("Agyei"),
        QStringLiteral("Odhiambo"), QStringLiteral("Kamau"),    QStringLiteral("Dlamini"),  QStringLiteral("Nkosi"),
        QStringLiteral("Girma"),    QStringLiteral("Tesfaye"),  QStringLiteral("Diallo"),   QStringLiteral("Traoré"),
        QStringLiteral("Ndiaye"),   QStringLiteral("Mwangi"),   QStringLiteral("Banda"),    QStringLiteral("Phiri"),
        QStringLiteral("Müller"),   QStringLiteral("Dubois"),   QStringLiteral("García"),   QStringLiteral("Nowak"),
        QStringLiteral("Yılmaz"),   QStringLiteral("Smith"),    QStringLiteral("Patel"),    QStringLiteral("Wang"),
        QStringLiteral("Tanaka"),   QStringLiteral("Silva"),    QStringLiteral("Haddad"),   QStringLiteral("Hassan"),
        QStringLiteral("Ødegård"),  QStringLiteral("Nováková"), QStringLiteral("Sørensen"), QStringLiteral("Oyelaran"),
    };
    return names;
}

double roundTo2(double value)
{
    return double(qRound(value * 100.0)) / 100.0;
}

} // namespace

DemoGenerator::DemoGenerator(quint32 seed, qint64 baseMillis)
    : m_random(seed)
    , m_baseMillis(baseMillis)
{
}

Profile DemoGenerator::next()
{
    const qint64 index = m_index++;
    Profile p;
    p.gender = m_random.bounded(2) == 0 ? Gender::Male : Gender::Female;
    const QStringList &firsts = p.gender == Gender::Male ? maleFirstNames() : femaleFirstNames();
    const QString &first = firsts.at(m_random.bounded(int(firsts.size())));
    const QString &family = familyNames().at(m_random.bounded(int(familyNames().size())));
    // The index makes every name unique; the suffix reads like a middle initial plus a number.
    const QChar initial(QLatin1Char(char('A' + (index % 26))));
    p.name = QStringLiteral("%1 %2. %3 %4").arg(first).arg(initial).arg(family).arg(index / 26 + 1);

    int pick = m_random.bounded(totalWeight());
    const char *code = kCountryMix.front().code;
    for (const auto &c : kCountryMix) {
        if (pick < c.weight) {
            code = c.code;
            break;
        }
        pick -= c.weight;
    }
    p.countryId = QString::fromLatin1(code);
    p.countryName = Countries::instance().nameFor(p.countryId);

    // Ages 0-100, shaped like a young population: more children and adults than seniors.
    const int bucket = m_random.bounded(100);
    if (bucket < 22)
        p.age = m_random.bounded(13);
    else if (bucket < 38)
        p.age = 13 + m_random.bounded(7);
    else if (bucket < 88)
        p.age = 20 + m_random.bounded(40);
    else
        p.age = 60 + m_random.bounded(41);
    p.ageGroup = ageGroupForAge(p.age);
    p.genderProbability = roundTo2(0.5 + m_random.generateDouble() * 0.5);
    p.countryProbability = roundTo2(0.05 + m_random.generateDouble() * 0.9);

    // Created over 2026 at 37-second steps, so paging by created_at has plenty of spread.
    const qint64 createdMs = m_baseMillis + index * 37'000 + m_random.bounded(1000);
    p.createdAt = QDateTime::fromMSecsSinceEpoch(createdMs, QTimeZone::utc());

    // A deterministic UUID v7: the time part from created_at, the rest from a hash of the
    // name, so the same seed gives the same ids.
    const QByteArray hash = QCryptographicHash::hash(p.name.toUtf8(), QCryptographicHash::Sha256);
    std::array<quint8, 16> bytes{};
    for (int i = 0; i < 6; ++i)
        bytes[size_t(i)] = quint8(quint64(createdMs) >> (8 * (5 - i)));
    for (size_t i = 6; i < 16; ++i)
        bytes[i] = quint8(hash.at(qsizetype(i)));
    bytes[6] = quint8(0x70 | (bytes[6] & 0x0F));
    bytes[8] = quint8(0x80 | (bytes[8] & 0x3F));
    p.id = QUuid::fromRfc4122(QByteArrayView(bytes.data(), 16)).toString(QUuid::WithoutBraces);
    return p;
}

} // namespace insighta
