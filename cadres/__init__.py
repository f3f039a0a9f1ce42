"""Cadres 干部 and leadership teams, their personal targets, democratic evaluations and results."""
