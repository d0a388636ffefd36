"""Interviews and mixed methods: coded transcripts, intercoder agreement, codebooks and their
exchange with other coding programs (REFI-QDA)."""

from dxtalent.core.interviews.agreement import (
    Agreement,
    AgreementError,
    Segment,
    Table2x2,
    agreement,
    alpha,
    kappa,
)

__all__ = ["Agreement", "AgreementError", "Segment", "Table2x2", "agreement", "alpha", "kappa"]
