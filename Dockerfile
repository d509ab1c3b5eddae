# syntax=docker/dockerfile:1
# Build: the pinned dependencies into a virtual environment, then bin/build (the same
# script `make static` runs) compiles translations and collects static files.
# Run: that environment on a slim base, as a non-root user, gunicorn in front.

FROM python:3.11-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock .
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir -r requirements.lock
COPY . .
RUN PYTHON=/venv/bin/python bin/build

FROM python:3.11-slim
RUN useradd --system --create-home --uid 10001 directory
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=directory:directory /app /app
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DEBUG=0 \
    BIND=0.0.0.0:8000
USER directory
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
# Migrations are a release step (docker run … python manage.py migrate), not run here.
CMD ["gunicorn", "clair_directory.wsgi:application", "-c", "gunicorn.conf.py"]
