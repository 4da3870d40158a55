"""Placeholder views; the journalists' pages replace these."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Article, Outlet, Person, Statement


def home(request):
    return HttpResponse(f"{Statement.objects.public().count()} statements")


def person(request, slug):
    return HttpResponse(get_object_or_404(Person, slug=slug).name)


def outlet(request, slug):
    return HttpResponse(get_object_or_404(Outlet, slug=slug).name)


def article(request, pk):
    return HttpResponse(get_object_or_404(Article, pk=pk).title)


def statement(request, kind, pk):
    return HttpResponse(get_object_or_404(Statement, kind=kind, statement_id=pk).text)
