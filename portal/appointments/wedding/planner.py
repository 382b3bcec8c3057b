"""The wedding planner's instant answer: is this ceremony possible at this moment, in this room, with this civil
registrar; and if not, what comes closest (other times that day, another registrar or room then, other days). When
the guests do not fit, the closest is a room that fits: then, later that day, on other days; and when no room of the
ceremony fits, another ceremony whose rooms do.

One `Schedule` over four weeks around the chosen day holds every candidate room and registrar, so the answer
and all its alternatives cost a fixed handful of queries however full the year is."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from portal.appointments.models import CeremonyType, Resource
from portal.appointments.schedule import Schedule, local, resources_with_schedules
from portal.core.translations import interpolate, with_texts

MIN_DAYS_AHEAD = 14  # the notice of intended marriage comes at least two weeks before the wedding
MAX_DAYS_AHEAD = 365  # and at most a year
STEP = timedelta(minutes=30)
DAYS_AROUND = 14
ALTERNATIVES_PER_KIND = 3


@dataclass(frozen=True)
class Choice:
    ceremony: CeremonyType
    day: date
    at: time
    room: Resource
    registrar: Resource | None  # None: the couple brings their own registrar (BABS)
    guests: int

    @property
    def starts_at(self) -> datetime:
        return local(self.day, self.at)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.ceremony.duration_minutes)

    def resource_ids(self) -> list[int]:
        return [self.room.pk] + ([self.registrar.pk] if self.registrar else [])

    def query(self) -> str:
        return urlencode(
            {
                "ceremonie": self.ceremony.slug,
                "datum": self.day.isoformat(),
                "tijd": self.at.strftime("%H:%M"),
                "zaal": self.room.pk,
                "babs": self.registrar.pk if self.registrar else "eigen",
                "gasten": self.guests,
            }
        )

    @classmethod
    def of(cls, wedding) -> "Choice":
        """What a reservation holds, as a choice (to show it, or to start the planner from it)."""
        start = timezone.localtime(wedding.starts_at)
        return cls(
            ceremony=wedding.ceremony_type,
            day=start.date(),
            at=start.time(),
            room=wedding.room,
            registrar=wedding.registrar,
            guests=wedding.guests,
        )

    def moved(self, **changes) -> "Choice":
        values = {name: getattr(self, name) for name in ("ceremony", "day", "at", "room", "registrar", "guests")}
        return Choice(**(values | changes))


@dataclass
class Answer:
    choice: Choice
    problems: list[str] = field(default_factory=list)
    taken: bool = False
    other_times: list[Choice] = field(default_factory=list)
    other_people_or_rooms: list[Choice] = field(default_factory=list)
    other_days: list[Choice] = field(default_factory=list)
    other_ceremonies: list[Choice] = field(default_factory=list)

    @property
    def available(self) -> bool:
        return not self.problems and not self.taken

    @property
    def alternatives(self) -> list[Choice]:
        return self.other_people_or_rooms + self.other_times + self.other_days + self.other_ceremonies

    def labelled_alternatives(self) -> list[tuple[Choice, str]]:
        return [(alternative, describe_change(self.choice, alternative)) for alternative in self.alternatives]


def describe_change(chosen: Choice, alternative: Choice) -> str:
    """What an alternative changes, in a few words: "Dezelfde dag om 10:30 uur in Raadzaal"."""
    if alternative.day != chosen.day:
        when = _("%(day)s om %(time)s uur") % {
            "day": date_format(alternative.day, "l j F Y"),
            "time": alternative.at.strftime("%H:%M"),
        }
    elif alternative.at != chosen.at:
        when = _("Dezelfde dag om %(time)s uur") % {"time": alternative.at.strftime("%H:%M")}
    else:
        when = _("Zelfde moment")
    changes = []
    if alternative.room != chosen.room:
        changes.append(interpolate(_("in %(room)s"), {"room": alternative.room.text.name}))
    if alternative.registrar != chosen.registrar and alternative.registrar is not None:
        changes.append(interpolate(_("met %(registrar)s"), {"registrar": alternative.registrar.name}))
    if alternative.ceremony != chosen.ceremony:
        when = when[0].lower() + when[1:]
    label = format_html_join(" ", "{}", ((part,) for part in [when, *changes]))
    if alternative.ceremony != chosen.ceremony:
        label = format_html("{}: {}", alternative.ceremony.text.name, label)
    return label


def wedding_window(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return today + timedelta(days=MIN_DAYS_AHEAD), today + timedelta(days=MAX_DAYS_AHEAD)


def rooms_for(ceremony: CeremonyType, guests: int):
    """The ceremony's rooms the guests fit in, the snuggest first."""
    return ceremony.rooms.filter(active=True, capacity__gte=guests).order_by("capacity", "name")


def registrars():
    return Resource.objects.filter(kind=Resource.Kind.OFFICIAL, active=True)


class Planner:
    def __init__(self, choice: Choice, today: date | None = None, *, other_ceremonies: bool = True):
        self.choice = choice
        self.today = today
        self.look_at_other_ceremonies = other_ceremonies
        ceremony = choice.ceremony
        self.length = timedelta(minutes=ceremony.duration_minutes)
        self.first, self.last = wedding_window(today)
        self.allowed_room_ids = set(ceremony.rooms.values_list("pk", flat=True))
        self.moments = list(ceremony.moments.all())
        self.rooms = resources_with_schedules(rooms_for(ceremony, choice.guests))
        self.registrars = resources_with_schedules(registrars())
        # The room whose calendar the alternatives come from: the chosen one if it can be used, else the snuggest
        # room of this ceremony the guests fit in (None: none fits).
        self.room = choice.room if choice.room in self.rooms else next(iter(self.rooms), None)

    @cached_property
    def on_the_day(self) -> Schedule:
        """Everyone on the chosen day (for the same moment with another registrar or room) ..."""
        return Schedule([*self.rooms, *self.registrars], self.choice.day, self.choice.day)

    @cached_property
    def around(self) -> Schedule:
        """... and only the room and registrar in question over the weeks around it (for other days)."""
        chosen = {self.room.pk if self.room else None, self.choice.registrar.pk if self.choice.registrar else None}
        return Schedule(
            [r for r in [*self.rooms, *self.registrars] if r.pk in chosen],
            self.choice.day - timedelta(days=DAYS_AROUND),
            self.choice.day + timedelta(days=DAYS_AROUND),
        )

    def problems(self, choice: Choice) -> list[str]:
        """What makes a choice impossible whatever the calendar says."""
        problems = []
        if not self.first <= choice.day <= self.last:
            problems.append(
                _("Trouwen kan van %(first)s tot en met %(last)s.")
                % {"first": self.first.strftime("%d-%m-%Y"), "last": self.last.strftime("%d-%m-%Y")}
            )
        if choice.room.pk not in self.allowed_room_ids:
            problems.append(interpolate(_("Deze ceremonie kan niet in %(room)s."), {"room": choice.room.text.name}))
        elif choice.guests > (choice.room.capacity or 0):
            problems.append(
                interpolate(
                    _("In %(room)s passen %(capacity)s gasten."),
                    {"room": choice.room.text.name, "capacity": choice.room.capacity},
                )
            )
        if not self.rooms:
            problems.append(
                _("Voor %(guests)s gasten is bij deze ceremonie geen zaal groot genoeg.") % {"guests": choice.guests}
            )
        if choice.registrar is None and not choice.ceremony.allows_own_registrar:
            problems.append(_("Bij deze ceremonie trouwt een trouwambtenaar van de gemeente u."))
        if self.moments and choice.at not in {m.time for m in self.moments if m.weekday == choice.day.weekday()}:
            problems.append(_("Deze ceremonie is alleen op vaste momenten; kies een van de voorgestelde tijden."))
        return problems

    def starts(self, choice: Choice, day: date) -> list[datetime]:
        """Free starts for the choice's room and registrar on `day` (a day within the weeks around)."""
        schedule = self.on_the_day if day == self.choice.day else self.around
        if not self.first <= day <= self.last:
            return []
        if self.moments:
            candidates = [local(day, m.time) for m in self.moments if m.weekday == day.weekday()]
            return [s for s in candidates if schedule.is_free(choice.resource_ids(), s, s + self.length)]
        return schedule.starts(choice.resource_ids(), day, self.length, STEP)

    def is_free(self, choice: Choice) -> bool:
        """Whether a choice on the chosen day is free."""
        return self.on_the_day.is_free(choice.resource_ids(), choice.starts_at, choice.ends_at)

    def answer(self) -> Answer:
        choice = self.choice
        answer = Answer(choice=choice, problems=self.problems(choice))
        answer.taken = not answer.problems and not self.is_free(choice)
        if answer.available:
            return answer
        room_usable = choice.room == self.room
        answer.other_people_or_rooms = self._others_then(choice, room_usable)[:ALTERNATIVES_PER_KIND]
        if self.room is not None:
            in_room = choice.moved(room=self.room)
            same_day = sorted(self.starts(in_room, choice.day), key=lambda s: abs(s - choice.starts_at))
            # The same moment in another room is among the other rooms already.
            answer.other_times = [self._at(in_room, s) for s in same_day if s != choice.starts_at][
                :ALTERNATIVES_PER_KIND
            ]
            answer.other_days = self._other_days(in_room)
        elif self.look_at_other_ceremonies:
            answer.other_ceremonies = self._other_ceremonies(choice)
        return answer

    def _at(self, choice: Choice, start: datetime) -> Choice:
        start = timezone.localtime(start)
        return choice.moved(day=start.date(), at=start.time())

    def _others_then(self, choice: Choice, room_usable: bool) -> list[Choice]:
        """The same moment with another registrar in the same room, or the same registrar in another room."""
        candidates = []
        if room_usable and choice.registrar is not None:
            candidates += [choice.moved(registrar=r) for r in self.registrars if r != choice.registrar]
        candidates += [choice.moved(room=room) for room in self.rooms if room != choice.room]
        return [c for c in candidates if not self.problems(c) and self.is_free(c)]

    def _other_days(self, choice: Choice) -> list[Choice]:
        """The nearest days on which the same room and registrar are free: at the same time if possible."""
        found = []
        for offset in range(1, DAYS_AROUND + 1):
            for day in (choice.day + timedelta(days=offset), choice.day - timedelta(days=offset)):
                starts = self.starts(choice, day)
                if starts and len(found) < ALTERNATIVES_PER_KIND:
                    same_time = [s for s in starts if timezone.localtime(s).time() == choice.at]
                    found.append(self._at(choice, (same_time or starts)[0]))
            if len(found) == ALTERNATIVES_PER_KIND:
                break
        return sorted(found, key=lambda c: c.day)

    def _other_ceremonies(self, choice: Choice) -> list[Choice]:
        """For guests no room of this ceremony holds: the nearest possibility of each ceremony whose rooms do."""
        found = []
        for ceremony in with_texts(CeremonyType.objects.exclude(pk=choice.ceremony.pk).prefetch_related("moments")):
            room = rooms_for(ceremony, choice.guests).first()
            if room is None:
                continue
            registrar = choice.registrar
            if registrar is None and not ceremony.allows_own_registrar:
                registrar = next(iter(self.registrars), None)  # the municipality's registrars, who are free comes next
            moved = choice.moved(ceremony=ceremony, room=room, registrar=registrar)
            answer = Planner(moved, self.today, other_ceremonies=False).answer()
            nearest = [moved] if answer.available else answer.alternatives
            if nearest:
                found.append(nearest[0])
        return found[:ALTERNATIVES_PER_KIND]


def instant_answer(choice: Choice) -> Answer:
    return Planner(choice).answer()
