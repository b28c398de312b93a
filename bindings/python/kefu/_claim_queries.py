"""The claim and insurance queries, shared by :class:`kefu.Engine` and
:class:`kefu.Store`: each names the C calls of its handle type in
``_claim_calls`` (claim, compensation, insurance, insured cargo list)."""

import json

from . import _convert


class ClaimQueries:
    _claim_calls = ()

    def claim(self, key):
        """The claim ``key`` ("CL-1") as it stands, a dict: lifecycle
        ``state``, ``amount_cents``, ``major`` (CL-2), the sign-off ``band``
        (None until reported), ``signoffs``, ``next_role``, arbitration and
        ``decision`` (CL-3), ``legal`` referrals (CL-7), ``insurer`` (CL-4),
        ``salvage`` (CL-5), ``paid_cents``; docs/c-api.md lists every key.

        Raises :class:`kefu.NotFoundError` for no such claim and
        :class:`kefu.InvalidArgumentError` for an empty key.
        """
        return self._document(self._claim_calls[0], key, "claim")

    def compensation(self, claim):
        """CMP-1 for the claim ``claim``, a dict: ``basis``, ``cap_cents``,
        ``before_deduction_cents``, ``deduction_cents``, ``amount_cents``
        (what is paid) and ``steps``, the arithmetic one line a step.

        Raises :class:`kefu.NotFoundError` (no such claim) or
        :class:`kefu.InvalidArgumentError` (an input missing, such as the
        claim's ``loss_cents``, or a cap that would overflow; ``e.entity``
        names the claim).
        """
        return self._document(self._claim_calls[1], claim, "claim")

    def insurance(self, order):
        """INS-1 and INS-2 for the order ``order``, a dict: ``insured`` and
        its ``reason``, ``never_insurable``, ``category``, the
        ``value_cents`` compared and its ``value_attribute``, ``tracked``
        and ``tracking_reason``.

        Raises :class:`kefu.NotFoundError` for no such order.
        """
        return self._document(self._claim_calls[2], order, "order")

    def insured_cargo_list(self, date):
        """The daily insured-cargo list (INS-2) of ``date`` (a
        ``datetime.date`` or ``"YYYY-MM-DD"``, a day of the policy's
        insurance calendar): the insured orders created that day, by
        creation instant then key, as a list of dicts, each the
        :meth:`insurance` dict plus ``customer``, ``created`` and
        ``created_unix``.

        Raises :class:`kefu.InvalidArgumentError` for a date that is not
        ``YYYY-MM-DD`` or does not exist, and ``TypeError`` for a
        ``datetime`` (pass its ``.date()`` in the zone you mean).
        """
        data = _convert.date_bytes(date)
        with self._lock:
            text = _convert.take_string(self._claim_calls[3],
                                        self._ptr(), data, len(data))
        return json.loads(text)["orders"]

    def _document(self, call, key, what):
        data = _convert.utf8(key, what)
        with self._lock:
            text = _convert.take_string(call, self._ptr(), data, len(data))
        return json.loads(text)
