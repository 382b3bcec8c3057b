import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.opendata.charts import bar_chart
from portal.opendata.figures import case_figures, satisfaction_figures
from portal.opendata.masking import mask_personal_data
from portal.opendata.models import Chart, Journey, MonthlyFigure, Refresh, Satisfaction
from portal.opendata.selectors import MONTHS_SHOWN, months_shown, public_case_rows

_SALT = "loket.opendata.satisfaction"
# A prompt can be answered for this long after it was shown (a confirmation page left open over a weekend).
TOKEN_MAX_AGE = 60 * 60 * 24 * 30
# How long the record of each refresh (when, how long it took) is kept: enough to see a trend in its duration.
KEEP_REFRESHES_FOR = timedelta(days=90)


class AlreadyAnswered(Exception):
    pass


@dataclass(frozen=True)
class JourneyRef:
    journey: str
    object_id: str
    subject: str
    case_type_id: int | None = None
    team_id: int | None = None

    @property
    def key(self) -> str:
        """Who answered is not stored; this keyed hash of the journey only says that it was answered."""
        return salted_hmac(_SALT, f"{self.journey}:{self.object_id}", algorithm="sha256").hexdigest()

    def token(self) -> str:
        return signing.dumps(
            [self.journey, self.object_id, self.subject, self.case_type_id, self.team_id], salt=_SALT, compress=True
        )

    @classmethod
    def from_token(cls, token: str) -> "JourneyRef":
        """The journey a prompt was shown for; raises signing.BadSignature when the token was altered or expired."""
        journey, object_id, subject, case_type_id, team_id = signing.loads(token, salt=_SALT, max_age=TOKEN_MAX_AGE)
        if journey not in Journey.values:
            raise signing.BadSignature("unknown journey")
        return cls(journey, object_id, subject, case_type_id, team_id)


def satisfaction_record(*, ref: JourneyRef, score: int, comment: str = "") -> Satisfaction:
    """Store one answer for the journey, its comment masked; a second answer raises AlreadyAnswered."""
    answer = Satisfaction(
        journey=ref.journey,
        subject=ref.subject[:200],
        case_type_id=ref.case_type_id,
        team_id=ref.team_id,
        journey_key=ref.key,
        score=score,
        comment=mask_personal_data(comment.strip()),
    )
    answer.full_clean(exclude=["journey_key", "case_type", "team"], validate_unique=False)
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError as error:
        raise AlreadyAnswered from error
    return answer


def figures_refresh(*, today: date | None = None) -> Refresh:
    """Recompute every dataset and chart from the data; the old figures stay visible until the new ones commit."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    rows = case_figures(today=today) + satisfaction_figures()
    figures = [MonthlyFigure(**row) for row in rows]
    with transaction.atomic():
        MonthlyFigure.objects.all().delete()
        MonthlyFigure.objects.bulk_create(figures, batch_size=2000)
        Chart.objects.all().delete()
        Chart.objects.bulk_create(_charts(today=today), batch_size=100)
        refresh = Refresh.objects.create(seconds=round(time.perf_counter() - started, 3))
        Refresh.objects.filter(finished_at__lt=refresh.finished_at - KEEP_REFRESHES_FOR).delete()
        return refresh


def _charts(*, today: date) -> list[Chart]:
    months = months_shown(today=today)
    charts = []
    for subject, rows in public_case_rows(today=today).items():
        values = [row["within_norm_pct"] for row in rows]
        shown = "; ".join(
            f"{date_format(month, 'F Y')}: {_('te weinig zaken') if value is None else f'{value} %'}"
            for month, value in zip(months, values, strict=True)
        )
        charts.append(
            Chart(
                subject=subject,
                svg=bar_chart(
                    key=subject,
                    title=_("%(subject)s: afgehandeld binnen de norm (%%)") % {"subject": subject},
                    description=_("Per maand, de afgelopen %(n)s maanden. %(values)s.")
                    % {"n": MONTHS_SHOWN, "values": shown},
                    labels=[date_format(month, "b") for month in months],
                    values=values,
                    maximum=100,
                ),
            )
        )
    return charts
