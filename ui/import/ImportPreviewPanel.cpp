#include "ui/import/ImportPreviewPanel.h"

#include "core/common/UntrustedText.h"
#include "core/csv/Sniffing.h"
#include "models/ImportPreviewLoader.h"
#include "models/ImportPreviewModel.h"
#include "ui/TextColors.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace insighta {

namespace {

constexpr int kVerticalHeaderWidth = 72;

// Every field a column can feed, in the order a person thinks of them; Ignored first.
const QList<ProfileField> &mappableFields()
{
    static const QList<ProfileField> fields{
        ProfileField::Ignored,
        ProfileField::Name,
        ProfileField::Gender,
        ProfileField::GenderProbability,
        ProfileField::Age,
        ProfileField::AgeGroup,
        ProfileField::CountryId,
        ProfileField::CountryName,
        ProfileField::CountryProbability,
        ProfileField::Id,
        ProfileField::CreatedAt,
    };
    return fields;
}

QString delimiterLabel(char delimiter)
{
    switch (delimiter) {
    case ';':
        return QObject::tr("semicolon");
    case '\t':
        return QObject::tr("tab");
    default:
        return QObject::tr("comma");
    }
}

} // namespace

ImportPreviewPanel::ImportPreviewPanel(QWidget *parent)
    : QWidget(parent)
    , m_loader(new ImportPreviewLoader(this))
    , m_model(new ImportPreviewModel(this))
{
    setObjectName(QStringLiteral("importPreviewPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    buildTitle();
    layout->addWidget(m_title);
    layout->addLayout(buildOptions());

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importPreviewStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    buildSample();
    layout->addWidget(m_mapping);
    layout->addWidget(m_table, 1);

    m_resumeNote = new QLabel(this);
    m_resumeNote->setObjectName(QStringLiteral("importResumeNote"));
    m_resumeNote->setWordWrap(true);
    m_resumeNote->hide();
    layout->addWidget(m_resumeNote);
    layout->addLayout(buildButtons());

    connectActions();
    clear();
}

void ImportPreviewPanel::buildTitle()
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("importPreviewTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setTextFormat(Qt::PlainText); // a file name
}

// Encoding and delimiter: detected, or chosen by the person when detection got them wrong.
QHBoxLayout *ImportPreviewPanel::buildOptions()
{
    auto *options = new QHBoxLayout;
    m_encoding = new QComboBox(this);
    m_encoding->setObjectName(QStringLiteral("importEncoding"));
    m_encoding->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "Detect (…)" changes with the file
    m_encoding->addItem(tr("Detect"), int(csv::TextEncoding::Auto));
    for (csv::TextEncoding encoding :
         {csv::TextEncoding::Utf8, csv::TextEncoding::Utf8Bom, csv::TextEncoding::Utf16Le, csv::TextEncoding::Utf16Be,
          csv::TextEncoding::Latin1, csv::TextEncoding::Windows1252})
        m_encoding->addItem(csv::encodingName(encoding), int(encoding));
    m_encoding->setToolTip(tr("The text encoding of the file; Detect reads the byte-order mark and the bytes"));
    m_delimiter = new QComboBox(this);
    m_delimiter->setObjectName(QStringLiteral("importDelimiter"));
    m_delimiter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_delimiter->addItem(tr("Detect"), 0);
    m_delimiter->addItem(tr("Comma  ,"), int(','));
    m_delimiter->addItem(tr("Semicolon  ;"), int(';'));
    m_delimiter->addItem(tr("Tab"), int('\t'));
    m_delimiter->setToolTip(
        tr("The character between fields; Detect picks comma, semicolon or tab from the first lines"));
    auto *encodingLabel = new QLabel(tr("&Encoding:"), this);
    encodingLabel->setBuddy(m_encoding);
    auto *delimiterLabelWidget = new QLabel(tr("&Delimiter:"), this);
    delimiterLabelWidget->setBuddy(m_delimiter);
    options->addWidget(encodingLabel);
    options->addWidget(m_encoding);
    options->addSpacing(12);
    options->addWidget(delimiterLabelWidget);
    options->addWidget(m_delimiter);
    options->addStretch(1);
    return options;
}

void ImportPreviewPanel::buildSample()
{
    // The mapping row sits right above the sample, column for column.
    m_mapping = new QTableWidget(1, 0, this);
    m_mapping->setObjectName(QStringLiteral("importMappingTable"));
    m_mapping->setVerticalHeaderLabels({tr("maps to")});
    m_mapping->verticalHeader()->setFixedWidth(kVerticalHeaderWidth);
    m_mapping->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_mapping->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_mapping->setSelectionMode(QAbstractItemView::NoSelection);
    m_mapping->setFocusPolicy(Qt::NoFocus);
    m_mapping->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_mapping->setToolTip(tr("Which profile field each column feeds; choose “ignore” to leave a column out"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("importPreviewTable"));
    m_table->setModel(m_model);
    m_table->horizontalHeader()->hide();
    m_table->verticalHeader()->setFixedWidth(kVerticalHeaderWidth);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);

    connect(m_table->horizontalScrollBar(), &QScrollBar::valueChanged, m_mapping->horizontalScrollBar(),
            &QScrollBar::setValue);
    connect(m_mapping->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int section, int, int size) { m_table->horizontalHeader()->resizeSection(section, size); });
}

QHBoxLayout *ImportPreviewPanel::buildButtons()
{
    auto *buttons = new QHBoxLayout;
    m_discard = new QPushButton(tr("Discard"), this);
    m_discard->setObjectName(QStringLiteral("importDiscardButton"));
    m_discard->setToolTip(tr("Forget this file"));
    m_validate = new QPushButton(tr("Validate only"), this);
    m_validate->setObjectName(QStringLiteral("importValidateButton"));
    m_validate->setToolTip(tr("Check every row without touching the database"));
    m_import = new QPushButton(tr("Import"), this);
    m_import->setObjectName(QStringLiteral("importStartButton"));
    m_import->setDefault(true);
    m_importAll = new QPushButton(this);
    m_importAll->setObjectName(QStringLiteral("importAllButton"));
    m_importAll->setToolTip(tr("Import this file with these settings and every waiting file with detected settings"));
    buttons->addWidget(m_discard);
    buttons->addStretch(1);
    buttons->addWidget(m_validate);
    buttons->addWidget(m_importAll);
    m_resume = new QPushButton(tr("Resume"), this);
    m_resume->setObjectName(QStringLiteral("importResumeButton"));
    m_resume->hide();
    buttons->addWidget(m_resume);
    buttons->addWidget(m_import);
    return buttons;
}

void ImportPreviewPanel::connectActions()
{
    connect(m_encoding, &QComboBox::activated, this, &ImportPreviewPanel::encodingChosen);
    connect(m_delimiter, &QComboBox::activated, this, &ImportPreviewPanel::delimiterChosen);
    connect(m_validate, &QPushButton::clicked, this, [this] { emit validateRequested(m_path, m_overrides); });
    connect(m_import, &QPushButton::clicked, this, [this] { emit importRequested(m_path, m_overrides); });
    connect(m_resume, &QPushButton::clicked, this, [this] { emit resumeRequested(m_path, m_overrides); });
    connect(m_importAll, &QPushButton::clicked, this, [this] { emit importAllRequested(m_path, m_overrides); });
    connect(m_discard, &QPushButton::clicked, this, &ImportPreviewPanel::discardRequested);
    connect(m_loader, &ImportPreviewLoader::loaded, this, [this](const ImportPreview &preview) {
        if (preview.filePath != m_path)
            return;
        m_error.clear();
        m_model->setPreview(preview);
        applyPreview();
        emit previewLoaded();
    });
    connect(m_loader, &ImportPreviewLoader::failed, this, [this](const QString &path, const QString &error) {
        if (path != m_path)
            return;
        m_error = error;
        m_model->clear();
        clearMapping();
        m_status->setText(tr("<b>This file cannot be imported:</b> %1").arg(error.toHtmlEscaped()));
        updateActions();
        emit previewFailed(error);
    });
}

void ImportPreviewPanel::showFile(const QString &path, int moreWaiting)
{
    m_path = path;
    m_moreWaiting = moreWaiting;
    m_overrides = CsvOverrides{};
    m_resumeLine = 0;
    m_error.clear();
    m_encoding->setCurrentIndex(0);
    m_delimiter->setCurrentIndex(0);
    const QFileInfo info(path);
    m_title->setText(tr("%1 — %2").arg(info.fileName(), QLocale().formattedDataSize(info.size())));
    m_title->setToolTip(plainTextToolTip(path));
    m_model->clear();
    clearMapping();
    reload();
}

void ImportPreviewPanel::clear()
{
    m_path.clear();
    m_moreWaiting = 0;
    m_overrides = CsvOverrides{};
    m_resumeLine = 0;
    m_error.clear();
    m_model->clear();
    clearMapping();
    m_title->setText(tr("No file to preview"));
    m_status->setText(tr("Drop a CSV file above to see how it will be read before anything is loaded."));
    updateActions();
}

void ImportPreviewPanel::setMoreWaiting(int moreWaiting)
{
    m_moreWaiting = moreWaiting;
    updateActions();
}

bool ImportPreviewPanel::isLoading() const
{
    return m_loader->isLoading();
}

void ImportPreviewPanel::setDatabaseAvailable(bool available, const QString &whyNot)
{
    m_databaseAvailable = available;
    m_databaseWhyNot = whyNot;
    updateActions();
}

void ImportPreviewPanel::offerResume(const QString &path, qint64 line, qint64 rowsLoaded)
{
    if (path != m_path || line <= 0)
        return;
    m_resumeLine = line;
    m_resumeNote->setText(tr("An earlier import of this file did not finish: it stopped at line %1 with %2 rows "
                             "loaded. Resume continues from there; Import from the start reads the whole file "
                             "again, and rows already loaded count as loaded.")
                              .arg(QLocale().toString(line), QLocale().toString(rowsLoaded)));
    updateActions();
}

void ImportPreviewPanel::reload()
{
    if (m_path.isEmpty())
        return;
    m_status->setText(tr("Reading the first records…"));
    PreviewRequest request;
    request.filePath = m_path;
    request.overrides = m_overrides;
    m_loader->load(request);
    updateActions();
}

void ImportPreviewPanel::encodingChosen()
{
    m_overrides.encoding = csv::TextEncoding(m_encoding->currentData().toInt());
    m_overrides.mapping.reset(); // the header may read differently now
    reload();
}

void ImportPreviewPanel::delimiterChosen()
{
    m_overrides.delimiter = char(m_delimiter->currentData().toInt());
    m_overrides.mapping.reset(); // the columns change
    reload();
}

void ImportPreviewPanel::mappingChosen()
{
    // Columns past the shown ones (PreviewRequest::maxColumns) keep the mapping they have.
    HeaderMapping mapping = m_model->preview().mapping;
    for (int column = 0; column < m_mapping->columnCount() && column < mapping.columns.size(); ++column) {
        auto *combo = qobject_cast<QComboBox *>(m_mapping->cellWidget(0, column));
        mapping.columns[column] = combo ? ProfileField(combo->currentData().toInt()) : ProfileField::Ignored;
    }
    m_overrides.mapping = mapping;
    reload();
}

void ImportPreviewPanel::applyPreview()
{
    const ImportPreview &preview = m_model->preview();
    const QColor errorColor = TextColors::from(palette()).error;
    // Say what Detect found, so the user sees what an override would change.
    m_encoding->setItemText(0, tr("Detect (%1)").arg(csv::encodingName(preview.encoding)));
    m_delimiter->setItemText(0, tr("Detect (%1)").arg(delimiterLabel(preview.delimiter)));
    // QComboBox keeps the size hint it computed before the text changed: make it measure again.
    for (QComboBox *combo : {m_encoding, m_delimiter}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    }
    rebuildMapping();

    const QLocale locale;
    QStringList lines;
    const int problems = m_model->problemRecordCount();
    lines << tr("Showing the first %n record(s)%1.", nullptr, int(preview.records.size()))
                 .arg(preview.endOfFile ? tr(" (the whole file)") : QString());
    if (problems > 0)
        lines << QStringLiteral("<span style='color:%1'>%2</span>")
                     .arg(css(errorColor), tr("%n record(s) in this sample have problems", nullptr, problems))
                + tr(" — tinted cells; hover one for the reason. They will be skipped and listed in the report.");
    else if (!preview.records.isEmpty())
        lines << tr("No problems in this sample.");
    if (const int hidden = preview.hiddenColumns(); hidden > 0)
        lines << tr("Only the first %1 columns are shown; %2 more keep their automatic mapping.")
                     .arg(QString::number(preview.maxColumns), locale.toString(hidden));
    if (!preview.missingRequired.isEmpty())
        lines << QStringLiteral("<b style='color:%1'>%2</b> ")
                     .arg(css(errorColor),
                          tr("Required columns missing: %1.")
                              .arg(preview.missingRequired.join(QStringLiteral(", ")).toHtmlEscaped()))
                + tr("Map a column to each of them, or the file cannot be imported.");
    m_status->setText(lines.join(QLatin1Char(' ')));
    syncColumnWidths();
    updateActions();
}

void ImportPreviewPanel::rebuildMapping()
{
    const ImportPreview &preview = m_model->preview();
    const int columns = m_model->columnCount();
    QStringList labels;
    for (int column = 0; column < columns; ++column)
        labels << m_model->headerData(column, Qt::Horizontal).toString();

    // Same columns as before (a mapping change): keep the combos, only move their choices.
    bool reuse = m_mapping->columnCount() == columns;
    for (int column = 0; reuse && column < columns; ++column)
        reuse = m_mapping->horizontalHeaderItem(column)
            && m_mapping->horizontalHeaderItem(column)->text() == labels.at(column)
            && qobject_cast<QComboBox *>(m_mapping->cellWidget(0, column));
    if (!reuse) {
        // The view deletes replaced cell widgets later; make sure the old ones are inert now.
        for (int column = 0; column < m_mapping->columnCount(); ++column) {
            if (QWidget *old = m_mapping->cellWidget(0, column)) {
                old->disconnect(this);
                old->setObjectName(QString());
                m_mapping->removeCellWidget(0, column);
            }
        }
        m_mapping->clear();
        m_mapping->setColumnCount(columns);
        m_mapping->setRowCount(1);
        m_mapping->setVerticalHeaderLabels({tr("maps to")});
        m_mapping->setHorizontalHeaderLabels(labels);
    }
    for (int column = 0; column < columns; ++column) {
        auto *combo = reuse ? qobject_cast<QComboBox *>(m_mapping->cellWidget(0, column)) : new QComboBox(m_mapping);
        if (!reuse) {
            combo->setObjectName(QStringLiteral("importMapping_%1").arg(column));
            for (ProfileField field : mappableFields())
                combo->addItem(field == ProfileField::Ignored ? tr("— ignore —") : profileFieldName(field), int(field));
            combo->setToolTip(plainTextToolTip(tr("Column “%1” feeds this profile field").arg(labels.at(column))));
            if (column >= preview.header.size())
                combo->setEnabled(false); // cells past the header have no column to map
            connect(combo, &QComboBox::activated, this, &ImportPreviewPanel::mappingChosen);
            m_mapping->setCellWidget(0, column, combo);
        }
        const ProfileField current = preview.mapping.columns.value(column, ProfileField::Ignored);
        const QSignalBlocker block(combo);
        combo->setCurrentIndex(std::max(0, combo->findData(int(current))));
    }
    m_mapping->resizeRowsToContents();
    const int height
        = m_mapping->horizontalHeader()->sizeHint().height() + m_mapping->rowHeight(0) + 2 * m_mapping->frameWidth();
    m_mapping->setFixedHeight(height);
}

void ImportPreviewPanel::clearMapping()
{
    for (int column = 0; column < m_mapping->columnCount(); ++column) {
        if (QWidget *old = m_mapping->cellWidget(0, column)) {
            old->disconnect(this);
            old->setObjectName(QString());
        }
    }
    m_mapping->setColumnCount(0);
}

void ImportPreviewPanel::syncColumnWidths()
{
    m_table->resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        int width = m_table->columnWidth(column);
        const QString label = m_model->headerData(column, Qt::Horizontal).toString();
        width = std::max(width, m_mapping->horizontalHeader()->fontMetrics().horizontalAdvance(label) + 24);
        if (QWidget *combo = m_mapping->cellWidget(0, column))
            width = std::max(width, combo->sizeHint().width());
        width = std::min(width, 280);
        m_mapping->horizontalHeader()->resizeSection(column, width);
        m_table->horizontalHeader()->resizeSection(column, width);
    }
}

void ImportPreviewPanel::updateActions()
{
    const bool loaded = m_model->hasPreview() && m_error.isEmpty() && !m_loader->isLoading();
    const bool usable = loaded && m_model->preview().missingRequired.isEmpty();
    m_validate->setEnabled(loaded);
    m_import->setEnabled(usable && m_databaseAvailable);
    m_import->setText(m_resumeLine > 0 ? tr("Import from the start") : tr("Import"));
    m_resume->setVisible(m_resumeLine > 0);
    m_resume->setEnabled(usable && m_databaseAvailable);
    m_resume->setToolTip(tr("Continue the unfinished import from line %1").arg(QLocale().toString(m_resumeLine)));
    m_resumeNote->setVisible(m_resumeLine > 0);
    m_importAll->setVisible(m_moreWaiting > 0);
    m_importAll->setText(tr("Import all %1 files").arg(m_moreWaiting + 1));
    m_importAll->setEnabled(usable && m_databaseAvailable);
    m_discard->setEnabled(!m_path.isEmpty());
    m_encoding->setEnabled(!m_path.isEmpty());
    m_delimiter->setEnabled(!m_path.isEmpty());
    QString importTip = tr("Load the valid rows into the workspace; skipped rows are reported");
    if (!m_databaseAvailable)
        importTip = m_databaseWhyNot.isEmpty() ? tr("No workspace is open yet") : m_databaseWhyNot;
    else if (loaded && !usable)
        importTip = tr("Required columns are missing: map them first");
    m_import->setToolTip(importTip);
}

} // namespace insighta
