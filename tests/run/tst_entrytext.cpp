// SPDX-License-Identifier: MIT
// The pane's "Other fields" section: the fields laid out as the sections above it are (a list
// or an object indented under its key, a multi-line string under `key: |`), in the entry's order.
#include "run/entrytext.h"

#include <QTest>

class TestEntryText : public QObject
{
    Q_OBJECT

private slots:
    void otherFieldsReadLikeTheOtherSections();
    void otherFieldsInThePanesText();
};

void TestEntryText::otherFieldsReadLikeTheOtherSections()
{
    const QList<QPair<QString, QByteArray>> fields{
        {QStringLiteral("id"), "3"},
        {QStringLiteral("source_records"), R"([{"type":"user","uuid":"u1"},{"type":"assistant"}])"},
        {QStringLiteral("note"), R"("first line\nsecond line")"},
        {QStringLiteral("sidechain"), "true"},
    };
    QCOMPARE(EntryText::otherFieldsReadable(fields),
             QStringLiteral("id: 3\n"
                            "source_records:\n"
                            "  - type: user\n"
                            "    uuid: u1\n"
                            "  - type: assistant\n"
                            "note: |\n"
                            "  first line\n"
                            "  second line\n"
                            "sidechain: true"));
}

void TestEntryText::otherFieldsInThePanesText()
{
    const QByteArray raw = R"({"agent_run_id":7,"message_type":"ACTION","thought":"t","usage":{"input_tokens":12}})";
    const QString text = EntryText::searchable(raw, EntryText::Mode::Readable);
    QVERIFY2(text.contains(QStringLiteral("usage:\n  input_tokens: 12")), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestEntryText)
#include "tst_entrytext.moc"
