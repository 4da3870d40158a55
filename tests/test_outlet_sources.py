"""An outlet that reports ("Bloomberg reported that ...") is the statement's
source as an Outlet, never a Person; places and documents are no speakers."""

from __future__ import annotations

from django.test import TestCase

from quotes.importing import Metadata, Source, import_source
from quotes.models import Claim, Person

TEXT = (
    "Bloomberg reported that the two leaders would meet in Budapest next month.\n\n"
    "Sergei Lavrov told a news conference in Moscow that the West was not ready for talks.\n\n"
    "Reports indicate that the summit could slip to the spring."
)


class OutletSourceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        import_source(Source(TEXT, "outlets.txt", Metadata(title="Budapest")))

    def test_the_outlet_is_credited_and_no_person_is_made(self):
        claim = Claim.objects.get(text__startswith="the two leaders")
        self.assertIsNone(claim.speaker)
        self.assertEqual((claim.speaker_mention, claim.via.name), ("Bloomberg", "Bloomberg"))
        self.assertFalse(Person.objects.filter(name__icontains="Bloomberg").exists())

    def test_lists_say_reported_by_the_outlet_and_link_it(self):
        claim = Claim.objects.get(text__startswith="the two leaders")
        home = self.client.get("/")
        self.assertContains(
            home, f'<span class="speaker outlet">reported by <a href="'
                  f'{claim.via.get_absolute_url()}">Bloomberg</a></span>', html=True)
        speakers = [f.label for name, _, items in home.context["facet_groups"]
                    if name == "speaker" for f in items]
        self.assertNotIn("Bloomberg", speakers)
        permalink = self.client.get(claim.get_absolute_url())
        self.assertContains(permalink, "reported by <a")

    def test_a_place_is_not_an_outlet_and_reports_are_not_a_speaker(self):
        lavrov = Claim.objects.get(text__startswith="the West")
        self.assertEqual((lavrov.speaker.name, lavrov.via), ("Sergei Lavrov", None))
        self.assertFalse(Claim.objects.filter(text__contains="slip to the spring").exists())
        self.assertFalse(Person.objects.filter(name__in=["Reports", "Moscow"]).exists())
