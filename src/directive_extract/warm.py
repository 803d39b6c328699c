"""Imported once by the batch's forkserver before it forks workers: the pipeline, spaCy's
sentence splitter and the PDF/DOCX libraries load there, once, and every worker starts warm.
(Importing this module is its whole job; nothing else imports it.)"""

from importlib import import_module

for _name in ("directive_extract.pipeline", "directive_extract.batch", "pdfplumber", "docx"):
    import_module(_name)
import_module("directive_extract.nlp").pipeline()
