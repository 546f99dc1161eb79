# syntax=docker/dockerfile:1
# One image definition for every orderflow application:  docker build --build-arg MODULE=order-service .
# The build stage does not use MODULE, so BuildKit builds the reactor once and shares it between the six images.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw --batch-mode --no-transfer-progress -DskipTests package

# Spring Boot's layers (dependencies change rarely, the application often), each its own image layer below.
FROM eclipse-temurin:21-jre AS layers
ARG MODULE
WORKDIR /layers
COPY --from=build /src/${MODULE}/target/${MODULE}-*.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 orderflow
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001
# Containers log JSON lines (Spring Boot structured logging); heap follows the container's memory limit.
ENV LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
