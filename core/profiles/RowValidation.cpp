#include "core/profiles/RowValidation.h"

#include "core/common/UntrustedText.h"

namespace insighta {

namespace {

constexpr const char *kReasonCodes[kRejectReasonCount] = {
    "wrong_column_count",    "missing_name",    "invalid_name",   "invalid_gender",   "invalid_age",
    "invalid_probability",   "unknown_country", "field_too_long", "undecodable_text", "duplicate_in_file",
    "duplicate_in_database", "not_loaded",      "unclosed_quote",
};

constexpr const char *kWarningCodes[kWarningKindCount] = {
    "age_group_corrected",
    "country_name_replaced",
    "id_ignored",
    "created_at_ignored",
};

// A cell quoted in a message: decoded, cut to 40 characters, control characters made visible
// (messages reach terminals).
QString quoted(std::string_view cell)
{
    QString text = QString::fromUtf8(cell.data(), qsizetype(qMin<size_t>(cell.size(), 160)));
    if (text.size() > 40)
        text = text.left(39) + QChar(0x2026);
    return QLatin1Char('\'') + printable(text) + QLatin1Char('\'');
}

bool hasControl(std::string_view text)
{
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return true;
    }
    return false;
}

bool hasLetter(std::string_view text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
            return true;
    }
    return false;
}

} // namespace

const char *rejectReasonCode(RejectReason reason)
{
    return kReasonCodes[int(reason)];
}

std::optional<RejectReason> rejectReasonFromCode(QStringView code)
{
    for (int i = 0; i < kRejectReasonCount; ++i) {
        if (code == QLatin1String(kReasonCodes[i]))
            return RejectReason(i);
    }
    return std::nullopt;
}

const char *warningKindCode(WarningKind kind)
{
    return kWarningCodes[int(kind)];
}

RowValidator::RowValidator(HeaderMapping mapping)
    : m_mapping(std::move(mapping))
{
    m_name = m_mapping.columnOf(ProfileField::Name);
    m_gender = m_mapping.columnOf(ProfileField::Gender);
    m_genderProbability = m_mapping.columnOf(ProfileField::GenderProbability);
    m_age = m_mapping.columnOf(ProfileField::Age);
    m_ageGroup = m_mapping.columnOf(ProfileField::AgeGroup);
    m_countryId = m_mapping.columnOf(ProfileField::CountryId);
    m_countryName = m_mapping.columnOf(ProfileField::CountryName);
    m_countryProbability = m_mapping.columnOf(ProfileField::CountryProbability);
    m_id = m_mapping.columnOf(ProfileField::Id);
    m_createdAt = m_mapping.columnOf(ProfileField::CreatedAt);
}

bool RowValidator::validate(std::span<const std::string_view> cells, NormalizedRow &out,
                            std::array<qint64, kWarningKindCount> &warnings, CellProblem &problem) const
{
    return check(cells, out, warnings, nullptr, &problem);
}

QList<CellProblem> RowValidator::problems(std::span<const std::string_view> cells) const
{
    QList<CellProblem> all;
    NormalizedRow row;
    std::array<qint64, kWarningKindCount> warnings{};
    check(cells, row, warnings, &all, nullptr);
    return all;
}

class RowValidator::Check
{
public:
    Check(std::span<const std::string_view> cells, QList<CellProblem> *all, CellProblem *first)
        : cells(cells)
        , present(int(cells.size()))
        , m_all(all)
        , m_first(first)
    {
    }

    // Reports a problem; returns true when the caller should stop (fast path: first problem).
    // The message is built only when it is kept.
    template<typename Message> bool report(int column, RejectReason reason, Message &&message)
    {
        m_valid = false;
        if (m_first) {
            *m_first = CellProblem{column, reason, message()};
            return true;
        }
        m_all->append(CellProblem{column, reason, message()});
        return false;
    }
    bool valid() const { return m_valid; }

    // A cell our export or rejects file guarded against formulas reads as its value again.
    std::string_view cell(int column) const
    {
        return column >= 0 && column < present ? withoutFormulaGuard(cells[size_t(column)]) : std::string_view();
    }

    const std::span<const std::string_view> cells;
    const int present;

private:
    QList<CellProblem> *m_all;
    CellProblem *m_first;
    bool m_valid = true;
};

bool RowValidator::check(std::span<const std::string_view> cells, NormalizedRow &out,
                         std::array<qint64, kWarningKindCount> &warnings, QList<CellProblem> *all,
                         CellProblem *first) const
{
    Check c(cells, all, first);
    if (checkShape(c) || checkName(c, out) || checkGender(c, out) || checkAge(c, out) || checkCountry(c, out))
        return false;
    // probabilities: optional (empty = 0)
    if (checkProbability(c, m_genderProbability, out.genderProbability)
        || checkProbability(c, m_countryProbability, out.countryProbability))
        return false;
    if (!c.valid())
        return false;
    countFixes(c, out, warnings);
    return true;
}

bool RowValidator::checkShape(Check &c) const
{
    const int columns = int(m_mapping.columns.size());
    if (c.present != columns) {
        if (c.report(-1, RejectReason::WrongColumnCount,
                     [&] { return QStringLiteral("expected %1 columns, found %2").arg(columns).arg(c.present); }))
            return true;
    }
    for (int i = 0; i < c.present && i < columns; ++i) {
        if (c.cells[size_t(i)].size() > size_t(kMaxFieldBytes) && m_mapping.columns[i] != ProfileField::Ignored) {
            if (c.report(i, RejectReason::FieldTooLong, [&] {
                    return QStringLiteral("column '%1' is %2 bytes long (the limit is %3)")
                        .arg(profileFieldName(m_mapping.columns[i]))
                        .arg(c.cells[size_t(i)].size())
                        .arg(kMaxFieldBytes);
                }))
                return true;
        }
    }
    return false;
}

bool RowValidator::checkName(Check &c, NormalizedRow &out) const
{
    const std::string_view name = fields::trim(c.cell(m_name));
    if (name.empty())
        return c.report(m_name, RejectReason::MissingName, [] { return QStringLiteral("name is empty"); });
    if (name.size() > size_t(kMaxFieldBytes))
        return false; // reported by checkShape() as field_too_long
    if (hasControl(name))
        return c.report(m_name, RejectReason::InvalidName,
                        [&] { return QStringLiteral("name %1 contains control characters").arg(quoted(name)); });
    if (!hasLetter(name))
        return c.report(m_name, RejectReason::InvalidName,
                        [&] { return QStringLiteral("name %1 has no letters").arg(quoted(name)); });
    out.name.assign(name);
    fields::nameKeyUtf8(name, out.nameKey);
    return false;
}

bool RowValidator::checkGender(Check &c, NormalizedRow &out) const
{
    if (auto gender = fields::parseGender(c.cell(m_gender))) {
        out.gender = *gender;
        return false;
    }
    return c.report(m_gender, RejectReason::InvalidGender, [&] {
        const std::string_view g = fields::trim(c.cell(m_gender));
        return g.empty() ? QStringLiteral("gender is empty")
                         : QStringLiteral("gender %1 is not male or female").arg(quoted(g));
    });
}

bool RowValidator::checkAge(Check &c, NormalizedRow &out) const
{
    const std::optional<int> age = fields::parseAge(c.cell(m_age));
    if (!age)
        return c.report(m_age, RejectReason::InvalidAge, [&] {
            const std::string_view a = fields::trim(c.cell(m_age));
            return a.empty() ? QStringLiteral("age is empty")
                             : QStringLiteral("age %1 is not a number or a number in words").arg(quoted(a));
        });
    if (*age < 0 || *age > kMaxAge)
        return c.report(m_age, RejectReason::InvalidAge,
                        [&] { return QStringLiteral("age %1 is out of range (0-%2)").arg(*age).arg(kMaxAge); });
    out.age = *age;
    out.ageGroup = ageGroupForAge(*age);
    return false;
}

// The code column (which also accepts names), else the name column.
bool RowValidator::checkCountry(Check &c, NormalizedRow &out) const
{
    const int countryColumn = m_countryId >= 0 ? m_countryId : m_countryName;
    const std::string_view countryCell = c.cell(countryColumn);
    std::optional<fields::CountryRef> country
        = m_countryId >= 0 ? fields::parseCountry(countryCell) : fields::countryByName(countryCell);
    if (!country && m_countryId >= 0 && m_countryName >= 0 && fields::trim(countryCell).empty())
        country = fields::countryByName(c.cell(m_countryName)); // empty code, a name is there
    if (!country)
        return c.report(countryColumn, RejectReason::UnknownCountry, [&] {
            const std::string_view text = fields::trim(countryCell);
            return text.empty()
                ? QStringLiteral("country is empty")
                : QStringLiteral("country %1 is not an ISO 3166-1 code or country name").arg(quoted(text));
        });
    out.country = *country;
    return false;
}

bool RowValidator::checkProbability(Check &c, int column, double &target) const
{
    const std::string_view p = fields::trim(c.cell(column));
    if (p.empty()) {
        target = 0.0;
        return false;
    }
    if (auto value = fields::parseProbability(p)) {
        target = *value;
        return false;
    }
    return c.report(column, RejectReason::InvalidProbability, [&] {
        return QStringLiteral("%1 %2 is not a probability between 0 and 1")
            .arg(profileFieldName(m_mapping.columns[column]), quoted(p));
    });
}

// Fixes, counted as warnings.
void RowValidator::countFixes(const Check &c, const NormalizedRow &out,
                              std::array<qint64, kWarningKindCount> &warnings) const
{
    if (m_ageGroup >= 0) {
        const std::string_view group = fields::trim(c.cell(m_ageGroup));
        if (!group.empty() && fields::parseAgeGroup(group) != out.ageGroup)
            ++warnings[size_t(WarningKind::AgeGroupCorrected)];
    }
    if (m_countryId >= 0 && m_countryName >= 0) {
        const std::string_view given = fields::trim(c.cell(m_countryName));
        if (!given.empty() && given != out.country.name) {
            const auto named = fields::countryByName(given);
            if (!named || named->code != out.country.code)
                ++warnings[size_t(WarningKind::CountryNameReplaced)];
        }
    }
    if (m_id >= 0 && !fields::trim(c.cell(m_id)).empty())
        ++warnings[size_t(WarningKind::IdIgnored)];
    if (m_createdAt >= 0 && !fields::trim(c.cell(m_createdAt)).empty())
        ++warnings[size_t(WarningKind::CreatedAtIgnored)];
}

} // namespace insighta
