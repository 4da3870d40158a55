"""Who may reach admin and do what: the Editors group, anonymous users, login lockout."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase, override_settings
from django.urls import reverse

from quotes.models import FailedLink, Source, StatementBase
from quotes.permissions import EDITORS_GROUP, editor_codenames, ensure_editors_group
from tests.factories import make_article, make_person, make_quote

PASSWORD = "x-Secret-42"


def group_codenames(group):
    return sorted(group.permissions.values_list("codename", flat=True))


class EditorsGroupTests(TestCase):
    def test_the_migration_created_the_group_with_the_editor_permissions(self):
        # Created by quotes/migrations/0003_editors_group.py in the test database.
        group = Group.objects.get(name=EDITORS_GROUP)
        self.assertEqual(group_codenames(group), editor_codenames())

    def test_editors_may_correct_statements_people_outlets_and_articles(self):
        codenames = set(editor_codenames())
        for needed in ("change_quote", "change_claim", "change_person", "delete_person",
                       "change_personalias", "change_outlet", "change_article",
                       "view_historicalquote", "view_historicalperson"):
            self.assertIn(needed, codenames)

    def test_editors_have_nothing_over_users_groups_or_deleting_statements(self):
        group, _ = ensure_editors_group()
        apps = set(group.permissions.values_list("content_type__app_label", flat=True))
        self.assertEqual(apps, {"quotes"})
        # A deleted statement would come back on re-extraction; editors reject instead.
        self.assertFalse(group.permissions.filter(codename__in=["delete_quote",
                                                                "delete_claim"]).exists())

    def test_command_is_idempotent_and_repairs_the_group(self):
        group = Group.objects.get(name=EDITORS_GROUP)
        group.permissions.add(Permission.objects.get(codename="delete_user"))
        group.permissions.remove(Permission.objects.get(codename="change_quote"))
        out = StringIO()
        call_command("create_editors_group", stdout=out)
        self.assertIn('Updated group "Editors"', out.getvalue())
        call_command("create_editors_group", stdout=out)
        self.assertEqual(group_codenames(group), editor_codenames())
        self.assertEqual(Group.objects.filter(name=EDITORS_GROUP).count(), 1)

    def test_command_creates_the_group_when_missing(self):
        Group.objects.filter(name=EDITORS_GROUP).delete()
        out = StringIO()
        call_command("create_editors_group", stdout=out)
        self.assertIn('Created group "Editors"', out.getvalue())
        self.assertEqual(group_codenames(Group.objects.get(name=EDITORS_GROUP)),
                         editor_codenames())

    def test_command_makes_existing_users_editors(self):
        user = get_user_model().objects.create_user("alice", password=PASSWORD)
        out = StringIO()
        call_command("create_editors_group", "--user", "alice", stdout=out)
        user.refresh_from_db()
        self.assertTrue(user.is_staff)
        self.assertTrue(user.groups.filter(name=EDITORS_GROUP).exists())
        self.assertTrue(user.has_perm("quotes.change_quote"))
        self.assertFalse(user.has_perm("auth.change_user"))
        self.assertIn("alice is now an editor", out.getvalue())

    def test_command_refuses_unknown_users(self):
        with self.assertRaisesMessage(CommandError, "No user named 'nobody'"):
            call_command("create_editors_group", "--user", "nobody", stdout=StringIO())


class AdminAccessTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        group, _ = ensure_editors_group()
        User = get_user_model()
        cls.editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
        cls.editor.groups.add(group)
        cls.outsider = User.objects.create_user("outsider", password=PASSWORD, is_staff=True)
        cls.reader = User.objects.create_user("reader", password=PASSWORD)
        cls.reader.groups.add(group)
        cls.peskov = make_person("Dmitry Peskov")
        cls.rubio = make_person("Marco Rubio")
        cls.article = make_article("“We are ready,” Peskov said.")
        cls.quote = make_quote(cls.article, "We are ready", speaker=cls.rubio)

    def quote_form(self, **changes):
        data = {"text": self.quote.text, "speaker": self.quote.speaker_id,
                "speaker_mention": "", "cue": "", "stance": "asserts", "via": "",
                "status": self.quote.status,
                "start": self.quote.start, "end": self.quote.end}
        return data | changes

    def test_an_editor_can_correct_a_quote(self):
        self.client.force_login(self.editor)
        url = reverse("admin:quotes_quote_change", args=[self.quote.pk])
        response = self.client.post(url, self.quote_form(speaker=self.peskov.pk))
        self.assertEqual(response.status_code, 302)
        self.quote.refresh_from_db()
        self.assertEqual(self.quote.speaker, self.peskov)
        self.assertEqual(self.quote.status, StatementBase.Status.CORRECTED)

    def test_an_editor_cannot_manage_users_or_groups(self):
        self.client.force_login(self.editor)
        for url in (reverse("admin:auth_user_changelist"), reverse("admin:auth_group_changelist"),
                    reverse("admin:auth_user_change", args=[self.editor.pk]),
                    reverse("admin:auth_user_add")):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 403)
        index = self.client.get(reverse("admin:index"))
        self.assertNotContains(index, reverse("admin:auth_user_changelist"))

    def test_an_editor_cannot_delete_statements(self):
        self.client.force_login(self.editor)
        url = reverse("admin:quotes_quote_delete", args=[self.quote.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
        changelist = self.client.get(reverse("admin:quotes_quote_changelist"))
        self.assertNotContains(changelist, 'value="delete_selected"')

    def test_staff_outside_the_editors_group_cannot_change_statements(self):
        self.client.force_login(self.outsider)
        url = reverse("admin:quotes_quote_change", args=[self.quote.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.get(reverse("admin:quotes_statement_changelist"))
                         .status_code, 403)

    def test_a_non_staff_user_is_sent_to_the_login_page(self):
        self.client.force_login(self.reader)
        response = self.client.get(reverse("admin:quotes_quote_changelist"))
        self.assertRedirects(
            response, reverse("admin:login") + "?next=" + reverse("admin:quotes_quote_changelist")
        )

    def test_anonymous_users_never_reach_admin(self):
        for url in (reverse("admin:index"), reverse("admin:quotes_quote_changelist"),
                    reverse("admin:quotes_statement_changelist"),
                    reverse("admin:quotes_quote_change", args=[self.quote.pk])):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(reverse("admin:login")))
        # Nor can they post an action.
        response = self.client.post(
            reverse("admin:quotes_quote_changelist"),
            {"action": "reject", "_selected_action": [self.quote.pk]},
        )
        self.assertEqual(response.status_code, 302)
        self.quote.refresh_from_db()
        self.assertEqual(self.quote.status, StatementBase.Status.AUTOMATIC)


class SourcePermissionTests(TestCase):
    """Editors look after the sources and the links given up on (issue 13)."""

    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        # The group as the migrations left it, not as ensure_editors_group makes it.
        cls.editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
        cls.editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
        cls.viewer = User.objects.create_user("viewer", password=PASSWORD, is_staff=True)
        cls.viewer.user_permissions.add(Permission.objects.get(codename="view_source"))
        cls.source = Source.objects.create(
            url="http://feeds.example.org/world.xml", active=False,
            last_error="stopped after 5 failed polls: HTTP 503 Service Unavailable",
        )
        cls.failed = FailedLink.objects.create(
            url="http://feeds.example.org/news/1.html", source=cls.source,
            reason="HTTP 404 Not Found",
        )

    def source_form(self, **changes):
        return {"url": self.source.url, "kind": self.source.kind, "outlet": "",
                "every": "00:15:00"} | changes

    def test_an_editor_can_turn_a_source_on_and_change_its_interval_but_not_its_url(self):
        self.client.force_login(self.editor)
        url = reverse("admin:quotes_source_change", args=[self.source.pk])
        response = self.client.post(url, self.source_form(
            every="00:30:00", active="on", url="http://intranet.example.org/",
        ))
        self.assertEqual(response.status_code, 302)
        self.source.refresh_from_db()
        self.assertEqual((self.source.active, self.source.every.total_seconds()), (True, 1800))
        self.assertEqual(self.source.url, "http://feeds.example.org/world.xml")

    def test_a_superuser_can_change_a_sources_url(self):
        admin = get_user_model().objects.create_superuser("root", password=PASSWORD)
        self.client.force_login(admin)
        url = reverse("admin:quotes_source_change", args=[self.source.pk])
        response = self.client.post(url, self.source_form(url="http://feeds.example.org/a.xml"))
        self.assertEqual(response.status_code, 302)
        self.source.refresh_from_db()
        self.assertEqual(self.source.url, "http://feeds.example.org/a.xml")

    def test_an_editor_cannot_add_or_delete_sources(self):
        self.client.force_login(self.editor)
        for url in (reverse("admin:quotes_source_add"),
                    reverse("admin:quotes_source_delete", args=[self.source.pk])):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 403)
        changelist = self.client.get(reverse("admin:quotes_source_changelist"))
        self.assertContains(changelist, 'value="poll_now"')
        self.assertContains(changelist, 'value="turn_on"')
        self.assertNotContains(changelist, 'value="delete_selected"')

    def test_who_may_only_view_sources_cannot_poll_or_turn_them_on(self):
        self.client.force_login(self.viewer)
        changelist = reverse("admin:quotes_source_changelist")
        self.assertContains(self.client.get(changelist), "feeds.example.org/world.xml")
        self.assertNotContains(self.client.get(changelist), 'value="turn_on"')
        self.client.post(changelist, {"action": "turn_on", "_selected_action": [self.source.pk]})
        self.source.refresh_from_db()
        self.assertFalse(self.source.active)

    def test_an_editor_sees_failed_links_and_can_remove_one_from_the_list(self):
        self.client.force_login(self.editor)
        changelist = self.client.get(reverse("admin:quotes_failedlink_changelist"))
        self.assertContains(changelist, "HTTP 404 Not Found")
        self.assertContains(changelist, 'value="retry"')
        self.assertEqual(
            self.client.get(reverse("admin:quotes_failedlink_add")).status_code, 403
        )
        delete = reverse("admin:quotes_failedlink_delete", args=[self.failed.pk])
        self.assertEqual(self.client.post(delete, {"post": "yes"}).status_code, 302)
        self.assertFalse(FailedLink.objects.filter(pk=self.failed.pk).exists())

    def test_the_migration_grants_sources_to_an_existing_group_and_keeps_the_rest(self):
        loader = MigrationLoader(connection)
        [key] = [key for key in loader.disk_migrations
                 if key[0] == "quotes" and key[1].endswith("_editors_source_permissions")]
        [operation] = loader.disk_migrations[key].operations
        apps = loader.project_state(key).apps
        group = Group.objects.get(name=EDITORS_GROUP)
        granted = ["delete_failedlink", "change_source", "view_failedlink", "view_source"]
        # A group from before sources, to which an administrator added a permission.
        group.permissions.remove(*Permission.objects.filter(codename__in=granted))
        group.permissions.add(Permission.objects.get(codename="delete_outlet"))
        before = set(group_codenames(group))
        with connection.schema_editor() as schema_editor:
            operation.code(apps, schema_editor)
        self.assertEqual(set(group_codenames(group)), before | set(granted))
        with connection.schema_editor() as schema_editor:
            operation.reverse_code(apps, schema_editor)
        self.assertEqual(set(group_codenames(group)), before)


@override_settings(AXES_FAILURE_LIMIT=5)
class LoginLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
        cls.other = User.objects.create_user("other", password=PASSWORD, is_staff=True)

    def login(self, username, password, ip="10.0.0.1"):
        return self.client.post(
            reverse("admin:login"),
            {"username": username, "password": password, "next": reverse("admin:index")},
            REMOTE_ADDR=ip,
        )

    def test_five_failed_logins_lock_the_account_from_that_address(self):
        for _ in range(4):
            self.assertEqual(self.login("editor", "wrong").status_code, 200)
        self.assertEqual(self.login("editor", "wrong").status_code, 429)
        # Locked: even the right password is refused now.
        locked = self.login("editor", PASSWORD)
        self.assertEqual(locked.status_code, 429)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 302)

    def test_the_lockout_is_per_username_and_address(self):
        for _ in range(5):
            self.login("editor", "wrong")
        self.assertRedirects(self.login("other", PASSWORD), reverse("admin:index"))
        self.client.logout()
        self.assertRedirects(self.login("editor", PASSWORD, ip="10.0.0.2"),
                             reverse("admin:index"))

    def test_fewer_failures_then_success_do_not_lock(self):
        for _ in range(4):
            self.login("editor", "wrong")
        self.assertRedirects(self.login("editor", PASSWORD), reverse("admin:index"))
