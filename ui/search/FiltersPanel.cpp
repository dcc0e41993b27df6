#include "ui/search/FiltersPanel.h"

#include "core/profiles/Countries.h"
#include "core/profiles/Profile.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace insighta {

namespace {

constexpr FiltersPanel::Field kFields[] = {FiltersPanel::Field::Gender,
                                           FiltersPanel::Field::AgeGroup,
                                           FiltersPanel::Field::MinAge,
                                           FiltersPanel::Field::MaxAge,
                                           FiltersPanel::Field::MinGenderProbability,
                                           FiltersPanel::Field::MinCountryProbability,
                                           FiltersPanel::Field::Countries};

} // namespace

FiltersPanel::FiltersPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("searchFilters"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_queryNote = new QLabel(this);
    m_queryNote->setObjectName(QStringLiteral("filterQueryNote"));
    m_queryNote->setTextFormat(Qt::PlainText);
    m_queryNote->setWordWrap(true);
    m_queryNote->setVisible(false);
    layout->addWidget(m_queryNote);
    buildForm();
    buildCountries();
    auto *reset = new QPushButton(tr("Clear filters"), this);
    reset->setObjectName(QStringLiteral("filterClear"));
    reset->setToolTip(tr("Drop your own filter values; the fields show the query's again"));
    layout->addWidget(reset);
    connect(reset, &QPushButton::clicked, this, &FiltersPanel::clear);
    connectEdits();
}

void FiltersPanel::buildForm()
{
    auto *form = new QFormLayout;
    m_gender = new QComboBox(this);
    m_gender->setObjectName(QStringLiteral("filterGender"));
    m_gender->addItem(tr("Any"), QString());
    m_gender->addItem(tr("Female"), QStringLiteral("female"));
    m_gender->addItem(tr("Male"), QStringLiteral("male"));
    form->addRow(tr("Gender"), m_gender);
    m_ageGroup = new QComboBox(this);
    m_ageGroup->setObjectName(QStringLiteral("filterAgeGroup"));
    m_ageGroup->addItem(tr("Any"), QString());
    m_ageGroup->addItem(tr("Child (0–12)"), QStringLiteral("child"));
    m_ageGroup->addItem(tr("Teenager (13–19)"), QStringLiteral("teenager"));
    m_ageGroup->addItem(tr("Adult (20–59)"), QStringLiteral("adult"));
    m_ageGroup->addItem(tr("Senior (60+)"), QStringLiteral("senior"));
    form->addRow(tr("Age group"), m_ageGroup);
    // -1 shows as "Any": an unset bound, not age 0.
    auto ageBox = [this](const QString &name) {
        auto *box = new QSpinBox(this);
        box->setObjectName(name);
        box->setRange(-1, kMaxAge);
        box->setValue(-1);
        box->setSpecialValueText(tr("Any"));
        return box;
    };
    m_minAge = ageBox(QStringLiteral("filterMinAge"));
    m_maxAge = ageBox(QStringLiteral("filterMaxAge"));
    form->addRow(tr("Min age"), m_minAge);
    form->addRow(tr("Max age"), m_maxAge);
    // Three decimals, so a query's 0.705 shows as it is, not rounded to 0.71.
    auto probabilityBox = [this](const QString &name) {
        auto *box = new QDoubleSpinBox(this);
        box->setObjectName(name);
        box->setRange(0.0, 1.0);
        box->setSingleStep(0.05);
        box->setDecimals(3);
        box->setSpecialValueText(tr("Any"));
        return box;
    };
    m_minGenderProbability = probabilityBox(QStringLiteral("filterMinGenderProbability"));
    m_minCountryProbability = probabilityBox(QStringLiteral("filterMinCountryProbability"));
    form->addRow(tr("Min P(gender)"), m_minGenderProbability);
    form->addRow(tr("Min P(country)"), m_minCountryProbability);
    static_cast<QVBoxLayout *>(layout())->addLayout(form);
}

void FiltersPanel::buildCountries()
{
    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    layout->addWidget(new QLabel(tr("Countries"), this));
    m_countrySearch = new QLineEdit(this);
    m_countrySearch->setObjectName(QStringLiteral("filterCountrySearch"));
    m_countrySearch->setPlaceholderText(tr("Find a country…"));
    m_countrySearch->setClearButtonEnabled(true);
    layout->addWidget(m_countrySearch);
    m_countries = new QListWidget(this);
    m_countries->setObjectName(QStringLiteral("filterCountries"));
    for (const Country &country : Countries::instance().all()) {
        auto *item = new QListWidgetItem(QStringLiteral("%1 (%2)").arg(country.name, country.alpha2), m_countries);
        item->setData(Qt::UserRole, country.alpha2);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_countries->sortItems();
    layout->addWidget(m_countries, 1);
    connect(m_countrySearch, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int i = 0; i < m_countries->count(); ++i) {
            QListWidgetItem *item = m_countries->item(i);
            item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
        }
    });
}

// Every edit by the person takes its field over from the query, then searches.
void FiltersPanel::connectEdits()
{
    auto edited = [this](Field field) {
        return [this, field] {
            if (m_syncing)
                return;
            if (isUnset(field))
                handBack(field); // "Any" is no refinement: the field follows the query again
            else
                takeOver(field);
            emit changed();
        };
    };
    connect(m_gender, &QComboBox::currentIndexChanged, this, edited(Field::Gender));
    connect(m_ageGroup, &QComboBox::currentIndexChanged, this, edited(Field::AgeGroup));
    connect(m_minAge, &QSpinBox::valueChanged, this, edited(Field::MinAge));
    connect(m_maxAge, &QSpinBox::valueChanged, this, edited(Field::MaxAge));
    connect(m_minGenderProbability, &QDoubleSpinBox::valueChanged, this, edited(Field::MinGenderProbability));
    connect(m_minCountryProbability, &QDoubleSpinBox::valueChanged, this, edited(Field::MinCountryProbability));
    connect(m_countries, &QListWidget::itemChanged, this, edited(Field::Countries));
}

ProfileFilter FiltersPanel::filter() const
{
    ProfileFilter f;
    if (const QString g = m_gender->currentData().toString(); m_own.contains(Field::Gender) && !g.isEmpty())
        f.gender = genderFromName(g);
    if (const QString g = m_ageGroup->currentData().toString(); m_own.contains(Field::AgeGroup) && !g.isEmpty())
        f.ageGroup = ageGroupFromName(g);
    if (m_own.contains(Field::MinAge) && m_minAge->value() >= 0)
        f.minAge = m_minAge->value();
    if (m_own.contains(Field::MaxAge) && m_maxAge->value() >= 0)
        f.maxAge = m_maxAge->value();
    if (m_own.contains(Field::MinGenderProbability) && m_minGenderProbability->value() > 0.0)
        f.minGenderProbability = m_minGenderProbability->value();
    if (m_own.contains(Field::MinCountryProbability) && m_minCountryProbability->value() > 0.0)
        f.minCountryProbability = m_minCountryProbability->value();
    if (m_own.contains(Field::Countries)) {
        for (int i = 0; i < m_countries->count(); ++i)
            if (m_countries->item(i)->checkState() == Qt::Checked)
                f.countryIds << m_countries->item(i)->data(Qt::UserRole).toString();
    }
    return f;
}

bool FiltersPanel::isFromQuery(Field field) const
{
    return !m_own.contains(field);
}

void FiltersPanel::clear()
{
    m_own.clear();
    m_countrySearch->clear();
    setQueryFilter(m_query);
    emit changed();
}

void FiltersPanel::setQueryFilter(const ProfileFilter &query)
{
    m_query = query;
    m_syncing = true;
    for (const Field field : kFields) {
        if (!m_own.contains(field))
            showQueryValue(field);
    }
    m_syncing = false;
    updateQueryNote();
}

// ---- showing the query's values ----------------------------------------------------------

void FiltersPanel::showQueryValue(Field field)
{
    const auto pick = [](QComboBox *box, const QString &name) { box->setCurrentIndex(qMax(0, box->findData(name))); };
    switch (field) {
    case Field::Gender:
        pick(m_gender, m_query.gender ? genderName(*m_query.gender) : QString());
        break;
    case Field::AgeGroup:
        pick(m_ageGroup, m_query.ageGroup ? ageGroupName(*m_query.ageGroup) : QString());
        break;
    case Field::MinAge:
        m_minAge->setValue(m_query.minAge.value_or(-1));
        break;
    case Field::MaxAge:
        m_maxAge->setValue(m_query.maxAge.value_or(-1));
        break;
    case Field::MinGenderProbability:
        m_minGenderProbability->setValue(m_query.minGenderProbability.value_or(0.0));
        break;
    case Field::MinCountryProbability:
        m_minCountryProbability->setValue(m_query.minCountryProbability.value_or(0.0));
        break;
    case Field::Countries:
        showCountriesFromQuery();
        return;
    }
    markFromQuery(editorFor(field), queryHas(field));
}

void FiltersPanel::showCountriesFromQuery()
{
    const QSet<QString> fromQuery(m_query.countryIds.cbegin(), m_query.countryIds.cend());
    for (int i = 0; i < m_countries->count(); ++i) {
        QListWidgetItem *item = m_countries->item(i);
        const bool ticked = fromQuery.contains(item->data(Qt::UserRole).toString());
        item->setCheckState(ticked ? Qt::Checked : Qt::Unchecked);
        QFont font = item->font();
        font.setItalic(ticked);
        item->setFont(font);
        item->setToolTip(ticked ? tr("From the query; tick or untick a country to make the list yours") : QString());
    }
    // The query's countries first, so "from nigeria or kenya" is visible without scrolling.
    for (int i = 0; i < m_countries->count(); ++i) {
        if (m_countries->item(i)->checkState() == Qt::Checked) {
            m_countries->scrollToItem(m_countries->item(i));
            break;
        }
    }
}

void FiltersPanel::markFromQuery(QWidget *widget, bool fromQuery)
{
    QFont font = widget->font();
    font.setItalic(fromQuery);
    widget->setFont(font);
    widget->setToolTip(fromQuery ? tr("From the query; change it to set your own value") : QString());
}

bool FiltersPanel::queryHas(Field field) const
{
    switch (field) {
    case Field::Gender:
        return m_query.gender.has_value();
    case Field::AgeGroup:
        return m_query.ageGroup.has_value();
    case Field::MinAge:
        return m_query.minAge.has_value();
    case Field::MaxAge:
        return m_query.maxAge.has_value();
    case Field::MinGenderProbability:
        return m_query.minGenderProbability.has_value();
    case Field::MinCountryProbability:
        return m_query.minCountryProbability.has_value();
    case Field::Countries:
        return !m_query.countryIds.isEmpty();
    }
    return false;
}

QWidget *FiltersPanel::editorFor(Field field) const
{
    switch (field) {
    case Field::Gender:
        return m_gender;
    case Field::AgeGroup:
        return m_ageGroup;
    case Field::MinAge:
        return m_minAge;
    case Field::MaxAge:
        return m_maxAge;
    case Field::MinGenderProbability:
        return m_minGenderProbability;
    case Field::MinCountryProbability:
        return m_minCountryProbability;
    case Field::Countries:
        return m_countries;
    }
    return nullptr;
}

bool FiltersPanel::isUnset(Field field) const
{
    switch (field) {
    case Field::Gender:
        return m_gender->currentData().toString().isEmpty();
    case Field::AgeGroup:
        return m_ageGroup->currentData().toString().isEmpty();
    case Field::MinAge:
        return m_minAge->value() < 0;
    case Field::MaxAge:
        return m_maxAge->value() < 0;
    case Field::MinGenderProbability:
        return m_minGenderProbability->value() <= 0.0;
    case Field::MinCountryProbability:
        return m_minCountryProbability->value() <= 0.0;
    case Field::Countries:
        for (int i = 0; i < m_countries->count(); ++i)
            if (m_countries->item(i)->checkState() == Qt::Checked)
                return false;
        return true;
    }
    return true;
}

// A field set back to Any shows the query's value again: a form that says "Any" while the
// query still filters on that key would be a misreading.
void FiltersPanel::handBack(Field field)
{
    m_own.remove(field);
    m_syncing = true;
    showQueryValue(field);
    m_syncing = false;
    updateQueryNote();
}

void FiltersPanel::takeOver(Field field)
{
    if (m_own.contains(field))
        return;
    m_own.insert(field);
    // The person's value now: drop the italics the query's value had.
    if (field == Field::Countries) {
        const QSignalBlocker blocker(m_countries);
        for (int i = 0; i < m_countries->count(); ++i) {
            QFont font = m_countries->item(i)->font();
            font.setItalic(false);
            m_countries->item(i)->setFont(font);
            m_countries->item(i)->setToolTip(QString());
        }
    } else {
        markFromQuery(editorFor(field), false);
    }
    updateQueryNote();
}

// One line above the form says what the italics mean, and what the query does that the form
// cannot show (countries it leaves out).
void FiltersPanel::updateQueryNote()
{
    bool shown = false;
    for (const Field field : kFields)
        shown |= !m_own.contains(field) && queryHas(field);
    QStringList lines;
    if (shown)
        lines << tr("Values in italics come from the query. Change one to set your own; it then refines the "
                    "query. Set it back to Any to follow the query again.");
    if (!m_query.excludeCountryIds.isEmpty()) {
        QStringList names;
        for (const QString &code : m_query.excludeCountryIds) {
            const Country *country = Countries::instance().byCode(code);
            names << (country ? country->name : code);
        }
        lines << tr("The query also leaves out: %1.").arg(names.join(QStringLiteral(", ")));
    }
    m_queryNote->setText(lines.join(QLatin1Char('\n')));
    m_queryNote->setVisible(!lines.isEmpty());
}

} // namespace insighta
