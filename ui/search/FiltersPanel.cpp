#include "ui/search/FiltersPanel.h"

#include "core/profiles/Countries.h"

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

FiltersPanel::FiltersPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("searchFilters"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
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
    auto probabilityBox = [this](const QString &name) {
        auto *box = new QDoubleSpinBox(this);
        box->setObjectName(name);
        box->setRange(0.0, 1.0);
        box->setSingleStep(0.05);
        box->setDecimals(2);
        box->setSpecialValueText(tr("Any"));
        return box;
    };
    m_minGenderProbability = probabilityBox(QStringLiteral("filterMinGenderProbability"));
    m_minCountryProbability = probabilityBox(QStringLiteral("filterMinCountryProbability"));
    form->addRow(tr("Min P(gender)"), m_minGenderProbability);
    form->addRow(tr("Min P(country)"), m_minCountryProbability);
    layout->addLayout(form);

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
    auto *reset = new QPushButton(tr("Clear filters"), this);
    reset->setObjectName(QStringLiteral("filterClear"));
    layout->addWidget(reset);

    connect(m_countrySearch, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int i = 0; i < m_countries->count(); ++i) {
            QListWidgetItem *item = m_countries->item(i);
            item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
        }
    });
    connect(reset, &QPushButton::clicked, this, &FiltersPanel::clear);
    connect(m_gender, &QComboBox::currentIndexChanged, this, &FiltersPanel::changed);
    connect(m_ageGroup, &QComboBox::currentIndexChanged, this, &FiltersPanel::changed);
    connect(m_minAge, &QSpinBox::valueChanged, this, &FiltersPanel::changed);
    connect(m_maxAge, &QSpinBox::valueChanged, this, &FiltersPanel::changed);
    connect(m_minGenderProbability, &QDoubleSpinBox::valueChanged, this, &FiltersPanel::changed);
    connect(m_minCountryProbability, &QDoubleSpinBox::valueChanged, this, &FiltersPanel::changed);
    connect(m_countries, &QListWidget::itemChanged, this, &FiltersPanel::changed);
}

ProfileFilter FiltersPanel::filter() const
{
    ProfileFilter f;
    if (const QString g = m_gender->currentData().toString(); !g.isEmpty())
        f.gender = genderFromName(g);
    if (const QString g = m_ageGroup->currentData().toString(); !g.isEmpty())
        f.ageGroup = ageGroupFromName(g);
    if (m_minAge->value() >= 0)
        f.minAge = m_minAge->value();
    if (m_maxAge->value() >= 0)
        f.maxAge = m_maxAge->value();
    if (m_minGenderProbability->value() > 0.0)
        f.minGenderProbability = m_minGenderProbability->value();
    if (m_minCountryProbability->value() > 0.0)
        f.minCountryProbability = m_minCountryProbability->value();
    for (int i = 0; i < m_countries->count(); ++i)
        if (m_countries->item(i)->checkState() == Qt::Checked)
            f.countryIds << m_countries->item(i)->data(Qt::UserRole).toString();
    return f;
}

void FiltersPanel::clear()
{
    const QSignalBlocker blocker(this);
    m_gender->setCurrentIndex(0);
    m_ageGroup->setCurrentIndex(0);
    m_minAge->setValue(-1);
    m_maxAge->setValue(-1);
    m_minGenderProbability->setValue(0.0);
    m_minCountryProbability->setValue(0.0);
    {
        const QSignalBlocker listBlocker(m_countries);
        for (int i = 0; i < m_countries->count(); ++i)
            m_countries->item(i)->setCheckState(Qt::Unchecked);
    }
    m_countrySearch->clear();
    emit changed();
}

} // namespace insighta
