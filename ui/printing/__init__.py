"""Preview and print inside the desktop (QtPdf shows, QPrinter prints).

Screens call `ui.printing.flow.open_preview(ctx, parent, ref=DocumentRef(kind, number))` or
`flow.print_now(...)`; `batch.BatchPrintDialog` is the morning batch; `profiles.
PrinterProfilesWidget` the printer set-up page. The work runs in `ui.tasks.TaskRunner`.
"""
