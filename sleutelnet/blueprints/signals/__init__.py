"""Confidential signals (signalen, ESS guide §3.1): what key persons share about tensions, worries and safety,
handled on a need-to-know basis — each signal names who may see it; everyone else sees counts only."""
