"""The drawing half of each output kind: ReportLab code that turns a plan into PDF bytes.

Each module here draws one kind's plan (``compiler.<kind>.plan``) and nothing else. Keeping
them apart from the planning modules means a build whose outputs are all up to date never
imports ReportLab at all.
"""
