# syntax=docker/dockerfile:1
# Build: dependencies from the lock into a virtual environment, translations compiled,
# static files collected. Run: the same environment on a slim base, as a non-root user.

FROM python:3.11-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock .
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir -r requirements.lock
COPY . .
ENV DEBUG=0 SECRET_KEY=build-only-not-secret
RUN /venv/bin/python manage.py compilemessages --ignore=.venv -v 0 \
    && /venv/bin/python manage.py collectstatic --no-input -v 0

FROM python:3.11-slim
RUN useradd --system --create-home --uid 1000 directory
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=directory /app /app
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 DEBUG=0 BIND=0.0.0.0:8000
USER directory
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/')" || exit 1
CMD ["sh", "-c", "exec gunicorn clair_directory.wsgi:application --bind $BIND"]
