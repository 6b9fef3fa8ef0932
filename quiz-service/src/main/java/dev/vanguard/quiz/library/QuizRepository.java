package dev.vanguard.quiz.library;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface QuizRepository extends JpaRepository<Quiz, UUID> {

}
