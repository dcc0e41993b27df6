#include "ui/search/SearchCharts.h"

#include "ui/ChartPalette.h"

#include "core/profiles/Countries.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QPen>
#include <QPieSeries>
#include <QPieSlice>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace insighta {

namespace {
constexpr qsizetype kMaxAgeBars = 12;
}

namespace {

QChartView *makeView(const QString &name, QWidget *parent)
{
    auto *chart = new QChart;
    applyPaletteToChart(chart, parent->palette());
    chart->legend()->hide();
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    auto *view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(150);
    return view;
}

// Whether there is anything to chart (an age histogram of zero buckets charts nothing).
bool hasProfiles(const SearchAggregates &aggregates)
{
    return aggregates.total > 0 || aggregates.male > 0 || aggregates.female > 0 || !aggregates.topCountries.isEmpty()
        || std::any_of(aggregates.ageHistogram.cbegin(), aggregates.ageHistogram.cend(),
                       [](const auto &bucket) { return bucket.second > 0; });
}

void resetChart(QChart *chart, const QString &title)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    chart->setTitle(title);
}

} // namespace

SearchCharts::SearchCharts(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("searchCharts"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_ages = makeView(QStringLiteral("chartAges"), this);
    m_genders = makeView(QStringLiteral("chartGenders"), this);
    m_countries = makeView(QStringLiteral("chartCountries"), this);
    // Ten country bars need the most height; the pie the least.
    m_countries->setMinimumHeight(230);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("chartsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false); // the palette's muted text
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_ages, 2);
    layout->addWidget(m_genders, 2);
    layout->addWidget(m_countries, 3);
    clear();
}

QString SearchCharts::emptyText() const
{
    return m_empty->isHidden() ? QString() : m_empty->text();
}

void SearchCharts::showEmpty(const QString &text)
{
    resetChart(m_ages->chart(), tr("Ages"));
    resetChart(m_genders->chart(), tr("Gender"));
    resetChart(m_countries->chart(), tr("Top countries"));
    m_empty->setText(text);
    m_empty->show();
    for (QChartView *view : {m_ages, m_genders, m_countries})
        view->hide();
}

void SearchCharts::clear(bool filtered)
{
    m_data = {};
    m_filtered = filtered;
    showEmpty(tr("Counting profiles…"));
}

void SearchCharts::setData(const SearchAggregates &aggregates)
{
    m_data = aggregates;
    if (!hasProfiles(aggregates)) {
        showEmpty(m_filtered ? tr("No profiles match this search") : tr("No profiles yet"));
        return;
    }
    m_empty->hide();
    for (QChartView *view : {m_ages, m_genders, m_countries})
        view->show();
    // Ages: one bar per bucket, labelled by its start.
    QChart *ages = m_ages->chart();
    resetChart(ages, tr("Ages"));
    auto *ageSet = new QBarSet(tr("Profiles"));
    QStringList labels;
    qint64 maxBucket = 0;
    // At most a dozen bars (adjacent buckets merged), so a bar is wide enough for its label;
    // every other bar is labelled when there are more than six. A category axis drops duplicate
    // categories (and then misplaces every bar), so unlabelled bars get distinct invisible names.
    const qsizetype buckets = aggregates.ageHistogram.size();
    const qsizetype merge = std::max<qsizetype>(1, (buckets + kMaxAgeBars - 1) / kMaxAgeBars);
    const qsizetype bars = (buckets + merge - 1) / merge;
    const qsizetype labelEvery = bars > 6 ? 2 : 1;
    for (qsizetype bar = 0; bar < bars; ++bar) {
        qint64 n = 0;
        for (qsizetype k = bar * merge; k < std::min(buckets, (bar + 1) * merge); ++k)
            n += aggregates.ageHistogram.at(k).second;
        *ageSet << double(n);
        const int start = aggregates.ageHistogram.at(bar * merge).first;
        labels << (bar % labelEvery == 0 ? QString::number(start) : QString(bar, QChar(0x200B)));
        maxBucket = std::max(maxBucket, n);
    }
    auto *ageSeries = new QBarSeries;
    ageSeries->setBarWidth(1.0);
    ageSeries->append(ageSet);
    ages->addSeries(ageSeries);
    auto *ageAxis = new QBarCategoryAxis;
    ageAxis->append(labels);
    // Each label gets one bucket's width; a smaller font keeps two-digit ages from being elided.
    QFont ageFont = ageAxis->labelsFont();
    ageFont.setPointSizeF(ageFont.pointSizeF() * 0.8);
    ageAxis->setLabelsFont(ageFont);
    ages->addAxis(ageAxis, Qt::AlignBottom);
    ageSeries->attachAxis(ageAxis);
    auto *ageCount = new QValueAxis;
    ageCount->setRange(0, double(std::max<qint64>(1, maxBucket)));
    ageCount->setLabelFormat(QStringLiteral("%.0f"));
    ageCount->setTickCount(3);
    ages->addAxis(ageCount, Qt::AlignLeft);
    ageSeries->attachAxis(ageCount);

    // Gender split.
    QChart *genders = m_genders->chart();
    resetChart(genders, tr("Gender"));
    auto *pie = new QPieSeries;
    const qint64 both = aggregates.female + aggregates.male;
    auto label = [both](const QString &name, qint64 n) {
        return both ? QStringLiteral("%1 %2%").arg(name).arg(double(n) * 100.0 / double(both), 0, 'f', 0) : name;
    };
    if (aggregates.female > 0)
        pie->append(label(tr("female"), aggregates.female), double(aggregates.female));
    if (aggregates.male > 0)
        pie->append(label(tr("male"), aggregates.male), double(aggregates.male));
    pie->setLabelsVisible(true);
    pie->setPieSize(0.6);
    // A lone slice would otherwise show its border as a line from the centre.
    for (QPieSlice *slice : pie->slices())
        slice->setPen(QPen(Qt::NoPen));
    genders->addSeries(pie);

    // Top countries, most first from the top.
    QChart *countries = m_countries->chart();
    resetChart(countries, tr("Top countries"));
    auto *countrySet = new QBarSet(tr("Profiles"));
    QStringList names;
    qint64 maxCountry = 0;
    for (auto it = aggregates.topCountries.crbegin(); it != aggregates.topCountries.crend(); ++it) {
        *countrySet << double(it->second);
        names << it->first;
        maxCountry = std::max(maxCountry, it->second);
    }
    auto *countrySeries = new QHorizontalBarSeries;
    countrySeries->append(countrySet);
    countries->addSeries(countrySeries);
    auto *countryAxis = new QBarCategoryAxis;
    countryAxis->append(names);
    QFont small = countryAxis->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    countryAxis->setLabelsFont(small);
    countryAxis->setTruncateLabels(false); // "…" beside every bar names no country
    countries->addAxis(countryAxis, Qt::AlignLeft);
    countrySeries->attachAxis(countryAxis);
    auto *countryCount = new QValueAxis;
    countryCount->setRange(0, double(std::max<qint64>(1, maxCountry)));
    countryCount->setLabelFormat(QStringLiteral("%.0f"));
    countryCount->setTickCount(3);
    countries->addAxis(countryCount, Qt::AlignBottom);
    countrySeries->attachAxis(countryCount);
}

} // namespace insighta
