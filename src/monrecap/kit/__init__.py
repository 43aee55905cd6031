"""The drawing kit: the one place ReportLab is spoken — painter, text fitting, canvas, pictograms, QR codes, documents."""
