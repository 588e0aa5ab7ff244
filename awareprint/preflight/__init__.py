"""Read back: takes any PDF, gives a report of what a print shop and a reader would check
(boxes, fonts, colour, type sizes, hotline digits, QR target, marks); needs no layout engine."""
