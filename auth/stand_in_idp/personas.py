"""Fictional people to log in as. The BRP stand-in (#5) will hold their full records; BSNs pass the 11-check."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Persona:
    bsn: str
    name: str
    situation: str


PERSONAS = [
    Persona("999900006", "Jan de Vries", "getrouwd, twee kinderen, paspoort verloopt binnenkort"),
    Persona("999900018", "Fatima El Amrani", "alleenstaand, net verhuisd binnen Voorbeeldstad"),
    Persona("999900031", "Pieter Bakker", "eigenaar van een woning, woont in een gebied met wegwerkzaamheden"),
    Persona("999900043", "Sanne Jansen", "samenwonend, gaat trouwen"),
    Persona("999900055", "Mohamed Yilmaz", "wordt binnenkort 18"),
]
