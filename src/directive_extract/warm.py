"""Imported once by the batch's forkserver before it forks workers: the pipeline, spaCy's
sentence splitter and the PDF/DOCX libraries load there, once, and every worker starts warm.
(Importing this module is its whole job; nothing else imports it.)"""

from . import batch, pipeline  # noqa: F401
from .nlp import pipeline as _nlp

_nlp()
import docx  # noqa: E402,F401
import pdfplumber  # noqa: E402,F401
