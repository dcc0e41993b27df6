#include "ui/AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#ifndef INSIGHTA_LICENSE
#define INSIGHTA_LICENSE "MIT" // packaging/CMakeLists.txt passes its INSIGHTA_LICENSE
#endif

namespace insighta {

QString AboutDialog::versionText()
{
    return tr("Version %1 (Qt %2)").arg(QStringLiteral(INSIGHTA_VERSION), QString::fromLatin1(qVersion()));
}

QString AboutDialog::licence()
{
    return QStringLiteral(INSIGHTA_LICENSE);
}

const QList<AboutDialog::Component> &AboutDialog::components()
{
    // Everything is linked dynamically from the distribution's packages; nothing is bundled
    // except the iso-codes country table, embedded at build time.
    static const QList<Component> list{
        {QStringLiteral("Qt 6"), QStringLiteral("LGPL-3.0"), tr("widgets, charts, SQL, networking")},
        {QStringLiteral("QtKeychain"), QStringLiteral("BSD-3-Clause"), tr("saved passwords and API keys")},
        {QStringLiteral("libpq"), QStringLiteral("PostgreSQL License"), tr("PostgreSQL connections and COPY")},
        {QStringLiteral("SQLite"), QStringLiteral("Public domain"), tr("the embedded workspace")},
        {QStringLiteral("iso-codes"), QStringLiteral("LGPL-2.1-or-later"), tr("country names (ISO 3166-1)")},
    };
    return list;
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Insighta Desk"));
    setAttribute(Qt::WA_DeleteOnClose);

    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("aboutIcon"));
    icon->setPixmap(QIcon(QStringLiteral(":/icons/insighta-desk.svg")).pixmap(96, 96));

    auto *title = new QLabel(QStringLiteral("<h2>Insighta Desk</h2>"), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    auto *version = new QLabel(versionText(), this);
    version->setObjectName(QStringLiteral("aboutVersion"));
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *summary = new QLabel(tr("Demographic search, CSV import and interview review."), this);
    auto *licenceLabel = new QLabel(tr("Licensed under the %1 licence.").arg(licence()), this);
    licenceLabel->setObjectName(QStringLiteral("aboutLicence"));

    auto *heading = new QVBoxLayout;
    heading->addWidget(title);
    heading->addWidget(version);
    heading->addWidget(summary);
    heading->addWidget(licenceLabel);
    heading->addStretch();
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(heading, 1);

    QString html = tr("<p>Built on these components, each under its own licence:</p>") + QStringLiteral("<table>");
    for (const Component &component : components()) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;%2&nbsp;</td><td>%3</td></tr>")
                    .arg(component.name.toHtmlEscaped(), component.licence.toHtmlEscaped(),
                         component.use.toHtmlEscaped());
    }
    html += QStringLiteral("</table>")
        + tr("<p>Qt is used under the GNU Lesser General Public License v3; you may replace the Qt "
             "libraries the program uses with your own build.</p>");
    auto *credits = new QTextBrowser(this);
    credits->setObjectName(QStringLiteral("aboutComponents"));
    credits->setOpenExternalLinks(true);
    credits->setHtml(html);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("aboutButtons"));
    QPushButton *aboutQt = buttons->addButton(tr("About &Qt"), QDialogButtonBox::ActionRole);
    aboutQt->setObjectName(QStringLiteral("aboutQtButton"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("aboutCloseButton"));
    connect(aboutQt, &QPushButton::clicked, this, [] { QApplication::aboutQt(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(credits, 1);
    layout->addWidget(buttons);
    resize(520, 420);
}

} // namespace insighta
